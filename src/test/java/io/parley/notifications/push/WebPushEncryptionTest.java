package io.parley.notifications.push;

import static io.parley.notifications.push.BrowserPush.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WebPushEncryptionTest {
    // RFC 8291, Appendix A
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String EXPECTED = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
            + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
            + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void should_match_the_rfc_8291_appendix_a_message_byte_for_byte() {
        KeyPair sender = P256.keyPair(b64(AS_PRIVATE), b64(AS_PUBLIC));

        byte[] body = WebPushEncryption.encrypt(
                PLAINTEXT.getBytes(StandardCharsets.UTF_8),
                P256.publicKey(b64(UA_PUBLIC)).orElseThrow(),
                b64(AUTH),
                sender,
                b64(SALT));

        assertThat(body).hasSize(144).isEqualTo(b64(EXPECTED));
        assertThat(VapidTokens.encode(body)).isEqualTo(EXPECTED);
    }

    @Test
    void should_be_readable_by_the_browser_when_encrypted_with_fresh_keys() throws Exception {
        KeyPair browser = P256.generate();
        byte[] auth = b64("AAECAwQFBgcICQoLDA0ODw");
        byte[] plaintext = "x".repeat(WebPushEncryption.MAX_PLAINTEXT).getBytes(StandardCharsets.UTF_8);

        byte[] body = WebPushEncryption.encrypt(plaintext, (ECPublicKey) browser.getPublic(), auth);

        assertThat(body).hasSize(4096); // 86-byte header, 3993 bytes, the delimiter, the 16-byte tag
        assertThat(BrowserPush.decrypt(body, browser, auth)).isEqualTo(plaintext);
        assertThatThrownBy(() -> WebPushEncryption.encrypt(
                        new byte[WebPushEncryption.MAX_PLAINTEXT + 1], (ECPublicKey) browser.getPublic(), auth))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_a_point_off_the_curve_or_of_the_wrong_length() {
        byte[] point = b64(UA_PUBLIC);
        assertThat(P256.publicKey(point)).isPresent();
        byte[] off = Arrays.copyOf(point, point.length);
        off[64] ^= 1;
        assertThat(P256.publicKey(off)).isEmpty();
        assertThat(P256.publicKey(Arrays.copyOf(point, 64))).isEmpty();
        byte[] compressed = Arrays.copyOf(point, point.length);
        compressed[0] = 0x02;
        assertThat(P256.publicKey(compressed)).isEmpty();
    }
}
