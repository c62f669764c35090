package io.parley.channels.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.internal.TurnJob;
import io.parley.testing.Api;
import io.parley.testing.LlmRequests;
import io.parley.testing.LlmRequests.Line;
import io.parley.testing.TimeTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that waits for the answer ({@code ?wait=N}, N > 0, or a stream) is not typing a burst: its turn is due at
 * once, with no quiet window (ADR 49). Parley's clock stands still here, so a request answered 200 proves that the
 * turn did not wait for any window.
 */
class ClientAnswerNowIntegrationTest extends TimeTestSupport {
    private static final String USER = "{\"externalId\": \"crm-1842\"}";

    @Test
    void should_answer_a_waiting_request_at_once_when_the_clock_does_not_move() {
        ClientBots.Channel channel = ClientBots.api(api, "We open at 9.", null);

        Api.Response response = channel.client(api)
                .post("/client/v1/messages?wait=20", ClientBots.message("open-1", "When do you open?", USER));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("replies").get(0).path("text").asString())
                .isEqualTo("We open at 9.");
    }

    @Test
    void should_wait_the_first_quiet_window_when_the_request_does_not_wait_for_the_answer() {
        ClientBots.Channel channel = ClientBots.api(api, "We open at 9.", null);

        Api.Response response = channel.client(api)
                .post("/client/v1/messages?wait=0", ClientBots.message("open-2", "When do you open?", USER));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String conversation = response.text("conversationId");
        assertThat(time.scheduled(TurnJob.TASK, conversation))
                .contains(time.now().plus(FIRST_QUIET));
        time.runDue();
        assertThat(channel.llm().requests()).isEmpty();
        time.advance(FIRST_QUIET);
        assertThat(channel.llm().requests()).hasSize(1);
    }

    @Test
    void should_answer_a_message_left_waiting_together_with_a_waiting_request_at_once() {
        ClientBots.Channel channel = ClientBots.api(api, "Replacement on its way.", null);
        Api client = channel.client(api);

        Api.Response first =
                client.post("/client/v1/messages?wait=0", ClientBots.message("bike-1", "My bike arrived", USER));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        Api.Response second =
                client.post("/client/v1/messages?wait=20", ClientBots.message("bike-2", "and it is broken", USER));

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.text("conversationId")).isEqualTo(first.text("conversationId"));
        assertThat(channel.llm().requests()).hasSize(1);
        List<Line> sent = LlmRequests.messages(channel.llm().requests().getFirst());
        assertThat(sent.subList(sent.size() - 2, sent.size()))
                .containsExactly(new Line("user", "My bike arrived"), new Line("user", "and it is broken"));
    }
}
