package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link MediaStore} must do (docs/contracts.md, "MediaStore"): a staged file put under a key reads back
 * byte for byte until it is deleted; a missing key is {@link NoSuchFileException} to read and {@code false} to
 * delete; a key that would leave the store is refused with {@link IllegalArgumentException} before anything moves.
 * Keys are shaped like Parley's own ({@code <org>/<yyyy>/<mm>/<uuid>}).
 */
public abstract class MediaStoreContract {
    private MediaStore store;

    /** A new, empty store (for a file store: in a fresh directory). */
    protected abstract MediaStore newStore() throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        store = newStore();
    }

    @Test
    void should_read_back_what_was_put_under_a_key() throws IOException {
        String key = newKey();

        store.put(key, staged("a photo"));

        assertThat(read(key)).isEqualTo("a photo");
    }

    @Test
    void should_take_the_staged_file_when_it_is_put() throws IOException {
        Path staged = staged("a voice note");

        store.put(newKey(), staged);

        assertThat(staged).doesNotExist();
    }

    @Test
    void should_hand_out_a_new_empty_staging_file_each_time() throws IOException {
        Path first = store.newStagingFile("media-1");
        Path second = store.newStagingFile("media-1");

        assertThat(first).isEmptyFile();
        assertThat(second).isEmptyFile().isNotEqualTo(first);
    }

    @Test
    void should_replace_what_an_earlier_attempt_left_under_the_same_key() throws IOException {
        String key = newKey();
        store.put(key, staged("half a download"));

        store.put(key, staged("the whole download"));

        assertThat(read(key)).isEqualTo("the whole download");
    }

    @Test
    void should_keep_each_keys_content_to_itself() throws IOException {
        String kept = newKey();
        String deleted = newKey();
        store.put(kept, staged("kept"));
        store.put(deleted, staged("deleted"));

        store.delete(deleted);

        assertThat(read(kept)).isEqualTo("kept");
    }

    @Test
    void should_not_find_a_key_after_deleting_it() throws IOException {
        String key = newKey();
        store.put(key, staged("a document"));

        assertThat(store.delete(key)).isTrue();

        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void should_report_no_such_file_when_reading_a_key_never_stored() {
        assertThatThrownBy(() -> store.open(newKey())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void should_answer_false_when_deleting_a_key_never_stored() throws IOException {
        assertThat(store.delete(newKey())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "org/../../outside", "/etc/passwd", "", ".", "..", ".incoming/part"})
    void should_refuse_a_key_that_leaves_the_store(String key) throws IOException {
        Path staged = staged("not going anywhere");

        assertThatThrownBy(() -> store.put(key, staged)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(staged).hasContent("not going anywhere");
    }

    private Path staged(String content) throws IOException {
        Path file = store.newStagingFile("test");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private String read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String newKey() {
        return UUID.randomUUID() + "/2026/01/" + UUID.randomUUID();
    }
}
