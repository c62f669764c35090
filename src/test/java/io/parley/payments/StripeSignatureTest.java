package io.parley.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.payments.internal.webhook.StripeSignature;
import io.parley.payments.internal.webhook.StripeSignature.Verdict;
import io.parley.platform.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stripe-Signature checked as Stripe documents it: HMAC-SHA256 of "t.body" keyed with the whsec_ secret. */
class StripeSignatureTest {
    private static final String SECRET = "whsec_test_secret";
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_790_000_000L);
    private static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static Verdict verify(String header, String... secrets) {
        return StripeSignature.verify(
                header, BODY, List.of(secrets).stream().map(Secret::of).toList(), NOW, TOLERANCE);
    }

    @Test
    void should_match_a_signature_computed_independently_with_the_documented_scheme() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of()
                .formatHex(mac.doFinal(
                        ("1790000000." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));

        assertThat(StripeSignature.header(NOW.getEpochSecond(), BODY, SECRET)).isEqualTo("t=1790000000,v1=" + expected);
        assertThat(verify("t=1790000000,v1=" + expected, SECRET)).isEqualTo(Verdict.VALID);
    }

    @Test
    void should_refuse_a_signature_made_with_another_secret() {
        assertThat(verify(StripeSignature.header(NOW.getEpochSecond(), BODY, "whsec_other"), SECRET))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void should_refuse_a_changed_body() {
        String header = StripeSignature.header(NOW.getEpochSecond(), "{\"id\":\"evt_2\"}".getBytes(), SECRET);
        assertThat(verify(header, SECRET)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void should_refuse_timestamps_beyond_the_tolerance_either_way() {
        assertThat(verify(StripeSignature.header(NOW.getEpochSecond() - 301, BODY, SECRET), SECRET))
                .isEqualTo(Verdict.STALE);
        assertThat(verify(StripeSignature.header(NOW.getEpochSecond() + 301, BODY, SECRET), SECRET))
                .isEqualTo(Verdict.STALE);
        assertThat(verify(StripeSignature.header(NOW.getEpochSecond() - 300, BODY, SECRET), SECRET))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void should_accept_when_any_of_several_v1_signatures_matches_any_secret() {
        String right = StripeSignature.header(NOW.getEpochSecond(), BODY, SECRET);
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + "ab".repeat(32) + "," + right.split(",")[1];
        assertThat(verify(header, SECRET)).isEqualTo(Verdict.VALID);
        assertThat(verify(right, "whsec_new", SECRET)).isEqualTo(Verdict.VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "t=1790000000", "v1=abc", "t=abc,v1=00", "garbage", "t=1790000000,v0=00"})
    void should_call_a_header_without_timestamp_or_v1_malformed(String header) {
        assertThat(verify(header, SECRET)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void should_call_a_missing_header_malformed() {
        assertThat(verify(null, SECRET)).isEqualTo(Verdict.MALFORMED);
    }
}
