package io.parley.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private final byte[] digest = sha256("hello media");

    @Test
    void should_match_the_base64_form_meta_puts_in_webhooks() {
        assertThat(Checksums.matches(digest, Base64.getEncoder().encodeToString(digest)))
                .isTrue();
        assertThat(Checksums.matches(
                        digest, Base64.getUrlEncoder().withoutPadding().encodeToString(digest)))
                .isTrue();
    }

    @Test
    void should_match_the_hex_form_in_either_case() {
        assertThat(Checksums.matches(digest, HexFormat.of().formatHex(digest))).isTrue();
        assertThat(Checksums.matches(digest, HexFormat.of().withUpperCase().formatHex(digest)))
                .isTrue();
    }

    @Test
    void should_not_match_another_digest_or_garbage() {
        assertThat(Checksums.matches(digest, Base64.getEncoder().encodeToString(sha256("other"))))
                .isFalse();
        assertThat(Checksums.matches(digest, "not a checksum!")).isFalse();
        assertThat(Checksums.matches(digest, "")).isFalse();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
