package io.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where stored media lives. Keys are built by Parley ({@code <org>/<yyyy>/<mm>/<uuid>}), never from a provider's
 * file name. The default keeps files under {@code PARLEY_DATA_DIR/media}; an object store can replace it.
 * Every implementation passes {@code MediaStoreContract} (docs/contracts.md): a key that would leave the store
 * ({@code ..}, absolute, empty, or starting with {@code .}) is refused with {@link IllegalArgumentException}.
 */
public interface MediaStore {

    /**
     * A new empty local file to download into, its name starting with {@code prefix}; the caller deletes it if it
     * is not {@link #put}.
     */
    Path newStagingFile(String prefix) throws IOException;

    /** Moves {@code staged} to {@code key}, replacing what a crashed earlier attempt may have left there. */
    void put(String key, Path staged) throws IOException;

    /** The content stored under {@code key}; {@link java.nio.file.NoSuchFileException} when there is none. */
    InputStream open(String key) throws IOException;

    /** Returns false if there was nothing to delete. */
    boolean delete(String key) throws IOException;
}
