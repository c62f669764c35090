package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.StoredEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The transcript's system events come from the conversation itself ({@link SystemEvents#ofConversation}), so an old
 * event stays visible however busy the rest of the organization is, and another organization never sees it.
 */
class ConversationEventsIntegrationTest extends IntegrationTestSupport {
    @Autowired
    SystemEvents events;

    @Test
    void should_show_the_events_of_a_short_conversation_even_when_the_application_clock_runs_ahead_of_the_database() {
        time.advance(Duration.ofHours(2));
        Tenants.WhatsAppBot bot =
                Tenants.offlineBot(api, "[{\"question\": \"opening hours\", \"answer\": \"9 to 5\"}]");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        String base = "/console/conversations/" + chat.conversationId();
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);

        assertThat(agent.postWithCsrf(base + "/handover", Map.of()).statusCode())
                .isEqualTo(302);

        assertThat(agent.get(base).body())
                .as("an event stamped by the database before the first message's clock time")
                .contains("data-type=\"conversation.taken_over\"");
    }

    @Test
    void should_show_an_old_event_of_the_conversation_after_300_newer_events_of_other_conversations() {
        Tenants.WhatsAppBot bot =
                Tenants.offlineBot(api, "[{\"question\": \"opening hours\", \"answer\": \"9 to 5\"}]");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        WhatsAppChat busy = WhatsAppChat.start(api, bot, "4917600" + (System.nanoTime() % 1_000_000));
        busy.says("opening hours");
        busy.awaitReceived(1);
        String base = "/console/conversations/" + chat.conversationId();
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);
        assertThat(agent.postWithCsrf(base + "/handover", Map.of()).statusCode())
                .isEqualTo(302);

        int inserted = jdbc.sql("""
                        insert into system_events (level, type, organization_id, chatbot_id, conversation_id)
                        select 'info', 'delivery.test_noise', :org, :bot, :other from generate_series(1, 300)""")
                .param("org", UUID.fromString(bot.organizationId()))
                .param("bot", UUID.fromString(bot.chatbotId()))
                .param("other", UUID.fromString(busy.conversationId()))
                .update();
        HttpResponse<String> page = agent.get(base);

        assertThat(inserted).isEqualTo(300);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-type=\"conversation.taken_over\"")
                .doesNotContain("delivery.test_noise");
        List<StoredEvent> own = events.ofConversation(
                new OrganizationId(UUID.fromString(bot.organizationId())),
                new ConversationId(UUID.fromString(chat.conversationId())),
                50);
        assertThat(own)
                .extracting(e -> e.event().type())
                .contains("conversation.taken_over")
                .doesNotContain("delivery.test_noise");
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        assertThat(events.ofConversation(
                        new OrganizationId(UUID.fromString(other.organizationId())),
                        new ConversationId(UUID.fromString(chat.conversationId())),
                        50))
                .as("another organization asking about this conversation")
                .isEmpty();
    }
}
