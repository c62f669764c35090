package io.parley.tenancy;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.media.MediaStore;
import io.parley.platform.Jobs;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deleting chatbots, organizations and channels (issue 12, item 8; ADR 33): the rows go by cascade, secrets with
 * them, media files are deleted, jobs still scheduled for the deleted rows end quietly, and the removed number's
 * webhooks count as an unknown number's.
 */
class DeletionIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ =
            "[{\"question\": \"What are your opening hours?\", \"answer\": \"Nine to five.\"}]";
    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    MediaStore mediaStore;

    @Autowired
    Jobs jobs;

    @Test
    void should_delete_the_chatbot_its_conversations_secrets_and_media_files_when_an_owner_deletes_it()
            throws IOException {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        WhatsAppChat chat = answeredChat(bot);
        String conversation = chat.conversationId();
        String mediaKey = storedMedia(bot, conversation);
        List<String> pendingJobs = pendingTurnAndDeliveryJobs(conversation);
        String org = "/api/v1/organizations/" + bot.organizationId();
        String adminKey = api.post(org + "/api-keys", "{\"name\": \"admin\", \"role\": \"admin\"}")
                .text("key");

        assertProblem(api.withToken(adminKey).delete("/api/v1/chatbots/" + bot.chatbotId()), 403, "forbidden");
        assertThat(api.withToken(owner(bot.organizationId()))
                        .delete("/api/v1/chatbots/" + bot.chatbotId())
                        .status())
                .isEqualTo(204);

        assertProblem(api.get("/api/v1/chatbots/" + bot.chatbotId()), 404, "chatbot_not_found");
        assertThat(rows("conversations", "chatbot_id", bot.chatbotId())).isZero();
        assertThat(rows("contacts", "chatbot_id", bot.chatbotId())).isZero();
        assertThat(rows("channel_accounts", "chatbot_id", bot.chatbotId()))
                .as("credentials")
                .isZero();
        assertThat(rows("messages", "conversation_id", conversation)).isZero();
        assertThatThrownBy(() -> mediaStore.open(mediaKey).close()).isInstanceOf(IOException.class);
        assertThat(api.get(org).status()).as("the organization stays").isEqualTo(200);
        awaitJobsEndedQuietly(pendingJobs);
        assertWebhooksAreNotStored(bot, chat);
    }

    @Test
    void should_delete_the_organization_with_everything_in_it_when_the_operator_deletes_it() throws IOException {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        WhatsAppChat chat = answeredChat(bot);
        String mediaKey = storedMedia(bot, chat.conversationId());
        List<String> pendingJobs = pendingTurnAndDeliveryJobs(chat.conversationId());
        String org = "/api/v1/organizations/" + bot.organizationId();
        String adminKey = api.post(org + "/api-keys", "{\"name\": \"admin\", \"role\": \"admin\"}")
                .text("key");
        String ownerSession = owner(bot.organizationId());

        assertProblem(api.withToken(ownerSession).delete(org), 403, "forbidden");
        assertThat(api.delete(org).status()).isEqualTo(204);

        assertProblem(api.get(org), 404, "organization_not_found");
        assertThat(api.withToken(adminKey)
                        .get("/api/v1/chatbots/" + bot.chatbotId())
                        .status())
                .isEqualTo(401);
        assertThat(api.withToken(ownerSession).get(org).status()).isEqualTo(401);
        for (String table : List.of(
                "chatbots",
                "channel_accounts",
                "contacts",
                "conversations",
                "messages",
                "api_keys",
                "staff_users",
                "system_events",
                "usage_records")) {
            assertThat(rows(table, "organization_id", bot.organizationId()))
                    .as(table)
                    .isZero();
        }
        assertThatThrownBy(() -> mediaStore.open(mediaKey).close()).isInstanceOf(IOException.class);
        awaitJobsEndedQuietly(pendingJobs);
        assertWebhooksAreNotStored(bot, chat);
    }

    @Test
    void should_remove_the_channel_and_its_conversations_and_treat_its_number_as_unknown_when_an_admin_removes_it()
            throws IOException {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        WhatsAppChat chat = answeredChat(bot);
        String mediaKey = storedMedia(bot, chat.conversationId());
        String channel = "/api/v1/chatbots/" + bot.chatbotId() + "/channels/" + bot.channelId();

        assertThat(api.delete(channel).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/channels").json())
                .isEmpty();
        assertThat(rows("channel_accounts", "id", bot.channelId()))
                .as("credentials")
                .isZero();
        assertThat(rows("conversations", "channel_account_id", bot.channelId())).isZero();
        assertThatThrownBy(() -> mediaStore.open(mediaKey).close()).isInstanceOf(IOException.class);
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId()).status())
                .as("the chatbot stays")
                .isEqualTo(200);
        assertWebhooksAreNotStored(bot, chat);
        assertProblem(api.delete(channel), 404, "channel_not_found");
    }

    @Test
    void should_not_find_a_channel_of_another_chatbot_when_deleting_it_through_this_one() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        Api.Response other = api.post(
                "/api/v1/organizations/" + bot.organizationId() + "/chatbots",
                "{\"name\": \"Other\", \"systemPrompt\": \"Help.\"}");

        assertProblem(
                api.delete("/api/v1/chatbots/" + other.text("id") + "/channels/" + bot.channelId()),
                404,
                "channel_not_found");
        assertProblem(
                api.delete("/api/v1/chatbots/" + bot.chatbotId() + "/channels/not-an-id"), 404, "channel_not_found");
        assertThat(rows("channel_accounts", "id", bot.channelId())).isEqualTo(1);
    }

    private WhatsAppChat answeredChat(Tenants.WhatsAppBot bot) {
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("What are your opening hours?");
        assertThat(chat.awaitReceived(1)).containsExactly("Nine to five.");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> chat.lastReplyDelivery().isPresent());
        return chat;
    }

    /** A downloaded attachment of the conversation, file and row, as the media download job leaves it. */
    private String storedMedia(Tenants.WhatsAppBot bot, String conversationId) throws IOException {
        String key = bot.organizationId() + "/2026/12/" + UUID.randomUUID();
        Path staged = mediaStore.newStagingFile("deletion-test");
        Files.writeString(staged, "image bytes");
        mediaStore.put(key, staged);
        jdbc.sql("""
                        insert into media_objects (id, organization_id, channel_account_id, conversation_id, message_id,
                                                   channel, provider_media_id, kind, status, storage_path, size_bytes,
                                                   created_at, updated_at)
                        select :id, m.organization_id, c.channel_account_id, m.conversation_id, m.id, 'whatsapp',
                               :providerId, 'image', 'stored', :key, 11, now(), now()
                        from messages m join conversations c on c.id = m.conversation_id
                        where m.conversation_id = :conversation and m.role = 'user' limit 1""")
                .param("id", UUID.randomUUID())
                .param("providerId", "media-" + UUID.randomUUID())
                .param("key", key)
                .param("conversation", UUID.fromString(conversationId))
                .update();
        mediaStore.open(key).close();
        return key;
    }

    /** A customer message waiting for its turn and its reply's delivery, both due in two seconds. */
    private List<String> pendingTurnAndDeliveryJobs(String conversationId) {
        UUID conversation = UUID.fromString(conversationId);
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, type, content, needs_reply,
                                              created_at)
                        select :id, organization_id, id, 'user', 'text', 'Still there?', true, now()
                        from conversations where id = :conversation""")
                .param("id", UUID.randomUUID())
                .param("conversation", conversation)
                .update();
        String outbound = jdbc.sql("select id::text from outbound_messages where conversation_id = :conversation")
                .param("conversation", conversation)
                .query(String.class)
                .single();
        Instant due = time.now().plusSeconds(2);
        assertThat(jobs.scheduleIfAbsent("turn", conversationId, due)).isTrue();
        assertThat(jobs.scheduleIfAbsent("deliver", outbound, due)).isTrue();
        return List.of(conversationId, outbound);
    }

    /** Each job ran once and was removed: a failing one would stay, rescheduled with backoff. */
    private void awaitJobsEndedQuietly(List<String> instances) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                        select count(*) from scheduled_tasks where task_instance in (:instances)""")
                                .param("instances", instances)
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private void assertWebhooksAreNotStored(Tenants.WhatsAppBot bot, WhatsAppChat chat) {
        String wamid = WhatsAppPayloads.newWamid();
        Api.Response ack = Webhooks.post(
                api, WhatsAppPayloads.text(bot.phoneNumberId(), chat.waId(), wamid, "Hello again"), bot.appSecret());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(rows("messages", "provider_message_id", wamid)).isZero();
    }

    private String owner(String organizationId) {
        String email = "owner-" + UUID.randomUUID() + "@acme.test";
        Api.Response user =
                api.post("/api/v1/organizations/" + organizationId + "/users", """
                {"email": "%s", "name": "Owner", "role": "owner", "password": "%s"}""".formatted(email, PASSWORD));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        Api.Response session = api.withToken(null)
                .post("/api/v1/auth/login", "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        return session.text("token");
    }

    private long rows(String table, String column, String value) {
        return jdbc.sql("select count(*) from " + table + " where " + column + "::text = :value")
                .param("value", value)
                .query(Long.class)
                .single();
    }
}
