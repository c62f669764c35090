package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.platform.ConversationId;
import io.parley.testing.IntegrationTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Two nodes on one PostgreSQL: the application's {@link ReplyDeltas} and a second one on its own connection. */
class ReplyDeltasIntegrationTest extends IntegrationTestSupport {
    @Autowired
    ReplyDeltas thisNode;

    @Autowired
    DataSource dataSource;

    @Autowired
    JsonMapper json;

    @Autowired
    Clock clock;

    private ReplyDeltas otherNode;

    @BeforeEach
    void startOtherNode() {
        otherNode = new ReplyDeltas(dataSource, jdbc, json, clock);
        otherNode.start();
        await().atMost(Duration.ofSeconds(10)).until(otherNode::listening);
    }

    @AfterEach
    void stopOtherNode() {
        otherNode.stop();
    }

    @Test
    void should_deliver_a_turns_deltas_in_order_to_a_client_on_another_node() throws Exception {
        ConversationId conversation = new ConversationId(UUID.randomUUID());
        List<ReplyDeltas.Delta> received = new CopyOnWriteArrayList<>();
        String long_ = "ü€😀".repeat(900); // 3,600 chars, far more than 8,000 bytes of NOTIFY payload once escaped

        try (ReplyDeltas.Subscription ignored =
                otherNode.subscribe(conversation, Duration.ofMinutes(1), received::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> thisNode.followed(conversation));
            thisNode.publish(conversation, "Hello");
            thisNode.publish(conversation, ", world. ");
            thisNode.publish(conversation, long_);
            thisNode.end(conversation);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(new ReplyDeltas.End()));
        }
        StringBuilder text = new StringBuilder();
        received.stream()
                .filter(d -> d instanceof ReplyDeltas.Text)
                .forEach(d -> text.append(((ReplyDeltas.Text) d).text()));
        assertThat(text.toString()).isEqualTo("Hello, world. " + long_);
        assertThat(received.getLast()).isEqualTo(new ReplyDeltas.End());
        assertThat(received.subList(0, 2))
                .containsExactly(new ReplyDeltas.Text("Hello"), new ReplyDeltas.Text(", world. "));
    }

    @Test
    void should_not_ask_for_deltas_of_a_conversation_nobody_follows() {
        ConversationId followed = new ConversationId(UUID.randomUUID());
        otherNode.subscribe(followed, Duration.ofMinutes(1), d -> {});

        await().atMost(Duration.ofSeconds(10)).until(() -> thisNode.followed(followed));
        assertThat(thisNode.followed(new ConversationId(UUID.randomUUID()))).isFalse();
    }
}
