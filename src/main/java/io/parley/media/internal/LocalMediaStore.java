package io.parley.media.internal;

import io.parley.media.MediaStore;
import io.parley.platform.PlatformProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.stereotype.Component;

/** {@code PARLEY_DATA_DIR/media/<key>}; downloads land in {@code media/.incoming} and are moved in atomically. */
@Component
class LocalMediaStore implements MediaStore {
    private final Path root;

    LocalMediaStore(PlatformProperties platform) {
        this.root = platform.dataDir().toAbsolutePath().normalize().resolve("media");
    }

    @Override
    public Path newStagingFile(String prefix) throws IOException {
        Path incoming = Files.createDirectories(root.resolve(".incoming"));
        return Files.createTempFile(incoming, prefix.replaceAll("[^A-Za-z0-9-]", "_") + "-", ".part");
    }

    @Override
    public void put(String key, Path staged) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        // Same file system as the staging dir: the move is atomic, so a reader never sees half a file, and a
        // re-run after a crash replaces the earlier copy instead of adding a second one.
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(resolve(key));
    }

    /** Keys are Parley's own, but a key must still never point outside the media directory. */
    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root) || key.startsWith(".")) {
            throw new IllegalArgumentException("Media key outside the media directory");
        }
        return path;
    }
}
