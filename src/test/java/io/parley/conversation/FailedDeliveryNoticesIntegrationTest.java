package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.sql.Timestamp;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A failed delivery marks its conversation changed, so open inboxes show the failure without a reload. */
class FailedDeliveryNoticesIntegrationTest extends IntegrationTestSupport {
    @Autowired
    SystemEvents events;

    @Test
    void should_mark_the_conversation_changed_when_its_delivery_failed_and_only_then() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        UUID conversation = UUID.fromString(WhatsAppChat.answered(api, bot).conversationId());
        OrganizationId organization = new OrganizationId(UUID.fromString(bot.organizationId()));
        Timestamp before = changedAt(conversation);

        events.record(SystemEvent.of(SystemEvent.Level.INFO, "delivery.window_template_used")
                .organization(organization)
                .conversation(new ConversationId(conversation))
                .build());
        Timestamp afterUnrelated = changedAt(conversation);
        events.record(SystemEvent.of(SystemEvent.Level.ERROR, "delivery.retries_exhausted")
                .organization(organization)
                .conversation(new ConversationId(conversation))
                .build());

        assertThat(afterUnrelated).isEqualTo(before);
        assertThat(changedAt(conversation)).isAfter(before);
    }

    private Timestamp changedAt(UUID conversation) {
        return jdbc.sql("select changed_at from conversations where id = :id")
                .param("id", conversation)
                .query(Timestamp.class)
                .single();
    }
}
