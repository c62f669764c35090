package io.parley.media;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.GraphMediaFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The organization's quota of stored inbound media, and no downloads for messages over an inbound rate limit. */
class MediaQuotaIntegrationTest extends IntegrationTestSupport {
    @Autowired
    SystemEvents events;

    @Test
    void should_skip_downloads_past_the_organizations_media_quota_and_say_so_once() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Api.Response limits =
                api.patch("/api/v1/organizations/" + bot.organizationId() + "/limits", "{\"maxMediaBytes\": 1500}");
        assertThat(limits.status()).as(limits.body()).isEqualTo(200);
        assertThat(limits.json().path("maxMediaBytes").asLong()).isEqualTo(1500);

        JsonNode first = sendImage(bot, bytes(1_000), true);
        JsonNode declaredTooBig = sendImage(bot, bytes(1_000), true);
        JsonNode undeclaredTooBig = sendImage(bot, bytes(2_000), false);

        assertThat(first.path("status").asString()).isEqualTo("stored");
        for (JsonNode skipped : List.of(declaredTooBig, undeclaredTooBig)) {
            assertThat(skipped.path("status").asString()).as(skipped.toString()).isEqualTo("skipped");
            assertThat(skipped.path("error").asString()).isEqualTo("quota_exceeded");
            JsonNode problem = assertProblem(api.get(skipped.path("url").asString()), 409, "media_skipped");
            assertThat(problem.path("reason").asString()).isEqualTo("quota_exceeded");
        }
        assertThat(storedBytes(bot)).isEqualTo(1_000);
        assertThat(events.list(
                        new OrganizationId(UUID.fromString(bot.organizationId())), "media.quota_exceeded", null, 10))
                .as("one event, not one per skipped file")
                .singleElement()
                .satisfies(e -> assertThat(e.event().payload()).containsEntry("maxMediaBytes", 1500));
    }

    @Test
    void should_not_download_the_media_of_a_message_over_the_inbound_rate_limit() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        assertThat(api.patch(
                                "/api/v1/organizations/" + bot.organizationId() + "/limits",
                                "{\"ratePerHourPerContact\": 1}")
                        .status())
                .isEqualTo(200);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hello");
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/jpeg", bytes(500));

        MediaWebhooks.post(
                api,
                bot,
                MediaWebhooks.media(
                        bot.phoneNumberId(),
                        chat.waId(),
                        WhatsAppPayloads.newWamid(),
                        "image",
                        mediaId,
                        "image/jpeg",
                        null,
                        time.now()));

        JsonNode media = awaitSettled(chat);
        assertThat(media.path("status").asString()).isEqualTo("skipped");
        assertThat(media.path("error").asString()).isEqualTo("throttled");
        assertThat(GraphMediaFake.metadataRequests(mediaId)).isZero();
        assertThat(GraphMediaFake.downloadRequests(mediaId)).isZero();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance in"
                                + " (select id::text from media_objects where conversation_id = :conversation)")
                        .param("conversation", UUID.fromString(chat.conversationId()))
                        .query(Integer.class)
                        .single())
                .as("no download job")
                .isZero();
    }

    /** A new contact sends an image; returns its media block once settled. */
    private JsonNode sendImage(Tenants.WhatsAppBot bot, byte[] bytes, boolean declareSize) {
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/jpeg", bytes);
        if (!declareSize) {
            GraphMediaFake.metadata(bot.accessToken(), mediaId, "image/jpeg", GraphMediaFake.sha256Base64(bytes), null);
        }
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        MediaWebhooks.post(
                api,
                bot,
                MediaWebhooks.media(
                        bot.phoneNumberId(),
                        chat.waId(),
                        WhatsAppPayloads.newWamid(),
                        "image",
                        mediaId,
                        "image/jpeg",
                        GraphMediaFake.sha256Base64(bytes),
                        time.now()));
        return awaitSettled(chat);
    }

    private long storedBytes(Tenants.WhatsAppBot bot) {
        return jdbc.sql("""
                        select coalesce(sum(size_bytes), 0) from media_objects
                        where organization_id = :org and status = 'stored'""")
                .param("org", UUID.fromString(bot.organizationId()))
                .query(Long.class)
                .single();
    }

    private static JsonNode awaitSettled(WhatsAppChat chat) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            last[0] = StreamSupport.stream(chat.messages().spliterator(), false)
                    .map(m -> m.path("media"))
                    .filter(JsonNode::isObject)
                    .findFirst()
                    .orElseThrow();
            assertThat(last[0].path("status").asString()).isNotEqualTo("pending");
        });
        return last[0];
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String newMediaId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
    }
}
