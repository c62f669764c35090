package io.parley.channels.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.EdgeTestSupport;
import io.parley.testing.LoopbackAddresses;
import org.junit.jupiter.api.Test;

/**
 * {@code /client/v1} is an authenticating root like {@code /api/v1}: wrong keys spend the address's budget of failed
 * authentications, and past it the address gets 429 until the budget refills; another address is not affected.
 */
class ClientEdgeIntegrationTest extends EdgeTestSupport {

    @Test
    void should_answer_429_to_an_address_that_keeps_guessing_channel_keys() {
        ClientBots.Channel app = ClientBots.app(api, "Hi.", true);
        String address = LoopbackAddresses.fresh();
        Api guessing = api.from(address).withToken("pk_guessed-" + address);
        for (int i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
            Api.Response refused = guessing.post("/client/v1/messages", ClientBots.message("g-" + i, "hi", null));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.text("code")).isEqualTo("invalid_key");
        }

        Api.Response limited = api.from(address)
                .withToken(app.key())
                .post("/client/v1/messages", ClientBots.message("right-key", "hi", null));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("too_many_failed_attempts");
        assertThat(api.from(LoopbackAddresses.fresh())
                        .withToken(app.key())
                        .post("/client/v1/messages?wait=0", ClientBots.message("other-address", "hi", null))
                        .status())
                .isIn(200, 202);
    }
}
