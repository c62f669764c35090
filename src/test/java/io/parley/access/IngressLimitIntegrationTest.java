package io.parley.access;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.EdgeTestSupport;
import io.parley.testing.LoopbackAddresses;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-address limits on unauthenticated ingress: failed authentications are budgeted per source address (6 a minute
 * here), routes without credentials are capped (20 a minute here), and valid traffic is never counted.
 */
class IngressLimitIntegrationTest extends EdgeTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";

    Tenants.WhatsAppBot bot;

    @BeforeEach
    void aWhatsAppBot() {
        bot = Tenants.offlineBot(api, FAQ);
    }

    @Test
    void should_answer_429_to_an_address_whose_failed_authentications_are_spent_until_the_budget_refills() {
        String address = LoopbackAddresses.fresh();
        Api guessing = api.from(address).withToken("prl_guessed-" + address);
        for (int i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
            assertProblem(guessing.get("/api/v1/plans"), 401, "unauthorized");
        }

        Api.Response refused = guessing.get("/api/v1/plans");

        assertProblem(refused, 429, "too_many_failed_attempts");
        assertThat(refused.raw().headers().firstValue("Retry-After"))
                .get()
                .asString()
                .matches("[1-9][0-9]*");
        assertProblem(api.from(address).get("/api/v1/plans"), 429, "too_many_failed_attempts");
        assertProblem(api.from(address).withToken(null).post("/mcp", "{}"), 429, "too_many_failed_attempts");
        assertThat(api.from(LoopbackAddresses.fresh()).get("/api/v1/plans").status())
                .as("another address is not affected")
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertThat(api.from(address).get("/api/v1/plans").status()).isEqualTo(200);
    }

    @Test
    void should_answer_bad_signatures_429_past_the_budget_and_keep_signed_webhooks_flowing_from_that_address() {
        // Meta delivers every tenant's webhooks from the same addresses: one tenant's wrong app secret must not make
        // the other tenants' deliveries wait.
        String address = LoopbackAddresses.fresh();
        Api meta = api.from(address).withToken(null);
        for (int i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
            assertProblem(Webhooks.post(meta, text("forged " + i), "not-the-app-secret"), 401, "invalid_signature");
        }

        Api.Response overBudget = Webhooks.post(meta, text("forged again"), "not-the-app-secret");
        assertProblem(overBudget, 429, "too_many_failed_attempts");
        assertThat(overBudget.raw().headers().firstValue("Retry-After"))
                .get()
                .asString()
                .matches("[1-9][0-9]*");
        assertThat(Webhooks.post(meta, text("signed by the right secret"), bot.appSecret())
                        .status())
                .isEqualTo(200);
        assertProblem(api.from(address).get("/api/v1/plans"), 429, "too_many_failed_attempts");
    }

    @Test
    void should_refuse_the_verification_handshake_from_an_address_that_guessed_verify_tokens() {
        Api verifier = api.from(LoopbackAddresses.fresh()).withToken(null);
        for (int i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
            assertThat(verifier.getRaw(handshake("guessed-token-" + i)).status())
                    .isEqualTo(403);
        }
        assertProblem(verifier.getRaw(handshake(bot.verifyToken())), 429, "too_many_failed_attempts");
    }

    @Test
    void should_never_count_signed_webhooks_or_authenticated_requests_against_their_address() {
        Api meta = api.from(LoopbackAddresses.fresh()).withToken(null);
        Api operator = api.from(LoopbackAddresses.fresh());
        for (int i = 0; i < AUTH_FAILURES_PER_MINUTE - 1; i++) {
            assertThat(Webhooks.post(meta, text("forged " + i), "not-the-app-secret")
                            .status())
                    .isEqualTo(401);
            assertThat(operator.withToken("prl_wrong").get("/api/v1/plans").status())
                    .isEqualTo(401);
        }

        for (int i = 0; i < 3 * AUTH_FAILURES_PER_MINUTE; i++) {
            assertThat(Webhooks.post(meta, text("message " + i), bot.appSecret())
                            .status())
                    .isEqualTo(200);
            assertThat(operator.get("/api/v1/plans").status()).isEqualTo(200);
        }
    }

    @Test
    void should_cap_requests_to_routes_without_credentials_per_address_and_refill_with_time() {
        Api visitor = api.from(LoopbackAddresses.fresh()).withToken(null);
        for (int i = 0; i < PUBLIC_PER_MINUTE; i++) {
            assertThat(visitor.getRaw(handshake(bot.verifyToken())).status()).isEqualTo(200);
        }

        Api.Response capped = visitor.getRaw(handshake(bot.verifyToken()));

        assertProblem(capped, 429, "too_many_requests");
        assertThat(capped.raw().headers().firstValue("Retry-After"))
                .get()
                .asString()
                .matches("[1-9][0-9]*");
        assertProblem(
                visitor.post("/api/v1/auth/login", "{\"email\": \"a@b.test\", \"password\": \"x\"}"),
                429,
                "too_many_requests");
        assertThat(Webhooks.post(visitor, text("signed webhooks are not capped"), bot.appSecret())
                        .status())
                .isEqualTo(200);
        assertThat(visitor.withToken(ParleyTestContext.ADMIN_TOKEN)
                        .get("/api/v1/plans")
                        .status())
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertThat(visitor.getRaw(handshake(bot.verifyToken())).status()).isEqualTo(200);
    }

    private String text(String body) {
        return WhatsAppPayloads.text(bot.phoneNumberId(), "15550009999", WhatsAppPayloads.newWamid(), body);
    }

    private static String handshake(String verifyToken) {
        return "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + verifyToken + "&hub.challenge=4242";
    }
}
