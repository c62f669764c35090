package io.parley.channels.whatsapp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookSignatureTest {
    private static final String SECRET = "app-secret-0123456789";
    private static final byte[] BODY =
            WhatsAppPayloads.text("15551230001", "Does it come in blue?").getBytes(StandardCharsets.UTF_8);
    /** Computed independently of WebhookSignature (test support), as Meta would. */
    private static final String VALID = Webhooks.sign(BODY, SECRET);

    @Test
    void should_match_when_body_is_signed_with_the_same_secret() {
        assertThat(WebhookSignature.parse(VALID))
                .hasValueSatisfying(s -> assertThat(s.matches(BODY, SECRET)).isTrue());
    }

    @Test
    void should_produce_the_published_hmac_sha256_when_signing_a_known_vector() {
        byte[] message = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

        assertThat(WebhookSignature.sign(message, "key"))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void should_not_match_when_body_was_signed_with_another_secret() {
        WebhookSignature signature =
                WebhookSignature.parse(Webhooks.sign(BODY, "someone-else")).orElseThrow();

        assertThat(signature.matches(BODY, SECRET)).isFalse();
    }

    @Test
    void should_not_match_when_one_byte_of_the_body_changed() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length / 2] ^= 0x01;

        assertThat(WebhookSignature.parse(VALID).orElseThrow().matches(tampered, SECRET))
                .isFalse();
    }

    @Test
    void should_not_match_when_body_has_an_extra_trailing_newline() {
        byte[] reserialized = (new String(BODY, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.parse(VALID).orElseThrow().matches(reserialized, SECRET))
                .isFalse();
    }

    /** Hex digits are case-insensitive (HexFormat), so an upper-case digest names the same bytes. */
    @Test
    void should_match_when_digest_is_upper_case_hex() {
        String upper = "sha256=" + VALID.substring("sha256=".length()).toUpperCase(Locale.ROOT);

        assertThat(WebhookSignature.parse(upper))
                .hasValueSatisfying(s -> assertThat(s.matches(BODY, SECRET)).isTrue());
    }

    static Stream<Arguments> unusableHeaders() {
        String hex = VALID.substring("sha256=".length());
        return Stream.of(
                Arguments.of("missing", null),
                Arguments.of("empty", ""),
                Arguments.of("digest without sha256= prefix", hex),
                Arguments.of("sha1= prefix", "sha1=" + hex),
                Arguments.of("upper-case prefix", "SHA256=" + hex),
                Arguments.of("prefix only", "sha256="),
                Arguments.of("one hex digit short", "sha256=" + hex.substring(1)),
                Arguments.of("one hex digit too many", VALID + "0"),
                Arguments.of("trailing space", VALID + " "),
                Arguments.of("non-hex digit", "sha256=" + "g" + hex.substring(1)),
                Arguments.of(
                        "base64 digest padded to 64 characters",
                        "sha256="
                                + Base64.getEncoder()
                                        .encodeToString(HexFormat.of().parseHex(hex)) + "A".repeat(20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableHeaders")
    void should_reject_header_when_it_is_not_sha256_and_64_hex_digits(String description, String header) {
        assertThat(WebhookSignature.parse(header)).isEmpty();
    }
}
