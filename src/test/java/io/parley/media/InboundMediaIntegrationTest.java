package io.parley.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.events.StoredEvent;
import io.parley.events.SystemEvents;
import io.parley.media.internal.MediaDownloadJob;
import io.parley.platform.Jobs;
import io.parley.platform.OrganizationId;
import io.parley.retention.RetentionSweep;
import io.parley.testing.GraphFake;
import io.parley.testing.GraphMediaFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Inbound WhatsApp media: downloaded by a job, checked, stored under the data dir and served only by Parley. */
class InboundMediaIntegrationTest extends IntegrationTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    SystemEvents events;

    @Autowired
    Jobs jobs;

    @Value("${parley.data-dir}")
    Path dataDir;

    @Test
    void should_store_an_image_and_serve_its_bytes_through_parley_when_the_download_succeeds() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = randomBytes(40_000);
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/jpeg", bytes);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        send(bot, chat, "image", mediaId, "image/jpeg", GraphMediaFake.sha256Base64(bytes), time.now());

        JsonNode media = awaitSettled(chat);
        assertThat(media.path("status").asString()).as(media.toString()).isEqualTo("stored");
        assertThat(media.path("kind").asString()).isEqualTo("image");
        assertThat(media.path("size").asLong()).isEqualTo(bytes.length);
        String url = media.path("url").asString();
        assertThat(url)
                .isEqualTo("/api/v1/conversations/" + chat.conversationId() + "/media/"
                        + media.path("id").asString());
        assertThat(chat.messages().toString()).doesNotContain("lookaside");

        HttpResponse<byte[]> served = download(url);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(bytes);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("inline");

        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Path file = dataDir.resolve("media")
                .resolve(bot.organizationId())
                .resolve("%04d".formatted(now.getYear()))
                .resolve("%02d".formatted(now.getMonthValue()))
                .resolve(media.path("id").asString());
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void should_offer_a_document_as_an_attachment_named_by_parley_not_by_the_sender() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = "%PDF-1.4 <script>alert(1)</script>".getBytes();
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "application/pdf", bytes);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        send(bot, chat, "document", mediaId, "application/pdf", GraphMediaFake.sha256Base64(bytes), time.now());

        JsonNode media = awaitSettled(chat);
        assertThat(media.path("status").asString()).isEqualTo("stored");
        HttpResponse<byte[]> served = download(media.path("url").asString());
        assertThat(served.body()).isEqualTo(bytes);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment")
                .doesNotContain("passwd");
    }

    @Test
    void should_download_once_when_the_same_webhook_is_delivered_twice() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = randomBytes(1_000);
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/png", bytes);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        String webhook = MediaWebhooks.media(
                bot.phoneNumberId(),
                chat.waId(),
                WhatsAppPayloads.newWamid(),
                "image",
                mediaId,
                "image/png",
                GraphMediaFake.sha256Base64(bytes),
                time.now());

        MediaWebhooks.post(api, bot, webhook);
        assertThat(awaitSettled(chat).path("status").asString()).isEqualTo("stored");
        MediaWebhooks.post(api, bot, webhook);

        assertThat(mediaRows(chat.conversationId())).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from scheduled_tasks where task_name = :task and task_instance in
                          (select id::text from media_objects where conversation_id = :conversation)""")
                        .param("task", MediaDownloadJob.TASK)
                        .param("conversation", UUID.fromString(chat.conversationId()))
                        .query(Integer.class)
                        .single())
                .as("the redelivery scheduled no download")
                .isZero();
        assertThat(GraphMediaFake.metadataRequests(mediaId)).isEqualTo(1);
        assertThat(GraphMediaFake.downloadRequests(mediaId)).isEqualTo(1);
    }

    @Test
    void should_retry_then_fail_with_checksum_mismatch_when_the_bytes_do_not_match_the_declared_sha256()
            throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = randomBytes(2_000);
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/jpeg", bytes);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        send(bot, chat, "image", mediaId, "image/jpeg", GraphMediaFake.sha256Base64(randomBytes(2_000)), time.now());

        JsonNode media = awaitSettled(chat);
        assertThat(media.path("status").asString()).isEqualTo("failed");
        assertThat(media.path("error").asString()).isEqualTo("checksum_mismatch");
        assertThat(GraphMediaFake.downloadRequests(mediaId))
                .as("first attempt and 2 retries")
                .isEqualTo(3);
        assertThat(attempts(media)).isEqualTo(3);
        assertThat(failureEvents(bot)).singleElement().satisfies(e -> {
            assertThat(e.event().payload())
                    .containsEntry("reason", "checksum_mismatch")
                    .containsEntry("mediaId", media.path("id").asString())
                    .containsEntry("attempts", 3);
            assertThat(e.event().conversationId().toString()).isEqualTo(chat.conversationId());
        });
        assertThat(storedFiles(bot)).isEmpty();

        HttpResponse<String> served = get(media.path("url").asString());
        assertThat(served.statusCode()).isEqualTo(409);
        JsonNode problem = problem(served.body());
        assertThat(problem.path("code").asString()).isEqualTo("media_failed");
        assertThat(problem.path("reason").asString()).isEqualTo("checksum_mismatch");
    }

    @Test
    void should_fail_at_once_with_media_expired_when_the_graph_api_no_longer_knows_a_week_old_id() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String mediaId = newMediaId();
        GraphMediaFake.metadataAnswers(
                mediaId,
                GraphFake.error(400, 100, "Unsupported get request. Object with ID '" + mediaId + "' does not exist"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        send(
                bot,
                chat,
                "audio",
                mediaId,
                "audio/ogg; codecs=opus",
                GraphMediaFake.sha256Base64(new byte[1]),
                time.now().minus(Duration.ofDays(8)));

        JsonNode media = awaitSettled(chat);
        assertThat(media.path("status").asString()).isEqualTo("failed");
        assertThat(media.path("error").asString()).isEqualTo("media_expired");
        assertThat(GraphMediaFake.metadataRequests(mediaId)).as("not retried").isEqualTo(1);
        assertThat(failureEvents(bot))
                .singleElement()
                .satisfies(e -> assertThat(e.event().payload()).containsEntry("reason", "media_expired"));
    }

    @Test
    void should_fail_too_large_without_downloading_when_the_declared_size_is_over_the_limit() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String mediaId = newMediaId();
        GraphMediaFake.metadata(bot.accessToken(), mediaId, "image/jpeg", "irrelevant", 6 * 1024 * 1024);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        send(bot, chat, "image", mediaId, "image/jpeg", null, time.now());

        JsonNode media = awaitSettled(chat);
        assertThat(media.path("error").asString()).isEqualTo("too_large");
        assertThat(GraphMediaFake.downloadRequests(mediaId)).isZero();
        assertThat(failureEvents(bot))
                .singleElement()
                .satisfies(e -> assertThat(e.event().payload()).containsEntry("reason", "too_large"));
    }

    @Test
    void should_fail_too_large_when_undeclared_bytes_pass_the_limit_of_their_type() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = randomBytes(600 * 1024);
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/webp", bytes);
        GraphMediaFake.metadata(bot.accessToken(), mediaId, "image/webp", GraphMediaFake.sha256Base64(bytes), null);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        send(bot, chat, "sticker", mediaId, "image/webp", GraphMediaFake.sha256Base64(bytes), time.now());

        JsonNode media = awaitSettled(chat);
        assertThat(media.path("error").asString())
                .as("stickers are limited to 500KB")
                .isEqualTo("too_large");
        assertThat(storedFiles(bot)).isEmpty();
    }

    @Test
    void should_answer_404_for_another_conversations_media_and_409_while_a_download_is_pending() {
        Tenants.WhatsAppBot mine = Tenants.offlineBot(api, "[]");
        Tenants.WhatsAppBot theirs = Tenants.offlineBot(api, "[]");
        byte[] bytes = randomBytes(500);
        String theirMediaId = newMediaId();
        GraphMediaFake.serves(theirs.accessToken(), theirMediaId, "image/jpeg", bytes);
        WhatsAppChat theirChat = WhatsAppChat.start(api, theirs);
        send(theirs, theirChat, "image", theirMediaId, "image/jpeg", GraphMediaFake.sha256Base64(bytes), time.now());
        JsonNode theirMedia = awaitSettled(theirChat);
        assertThat(theirMedia.path("status").asString()).isEqualTo("stored");

        String myMediaId = newMediaId();
        GraphMediaFake.metadataAnswers(myMediaId, aResponse().withStatus(503).withFixedDelay(1_500));
        WhatsAppChat myChat = WhatsAppChat.start(api, mine);
        send(mine, myChat, "image", myMediaId, "image/jpeg", null, time.now());
        JsonNode myMedia = mediaOf(myChat.messages()).orElseThrow();
        assertThat(myMedia.path("status").asString()).isEqualTo("pending");

        String mine404 = "/api/v1/conversations/" + myChat.conversationId() + "/media/";
        assertThat(get(mine404 + theirMedia.path("id").asString()).statusCode()).isEqualTo(404);
        assertThat(problem(get(mine404 + theirMedia.path("id").asString()).body())
                        .path("code")
                        .asString())
                .isEqualTo("media_not_found");
        assertThat(get(mine404 + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get(mine404 + "not-a-uuid").statusCode()).isEqualTo(404);

        HttpResponse<String> pending = get(myMedia.path("url").asString());
        assertThat(pending.statusCode()).isEqualTo(409);
        assertThat(problem(pending.body()).path("code").asString()).isEqualTo("media_not_ready");
        assertThat(get(theirMedia.path("url").asString()).statusCode())
                .as("the owner still gets it")
                .isEqualTo(200);
    }

    @Test
    void should_abandon_a_trickling_download_at_the_transfer_deadline_and_store_the_retry() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = randomBytes(50_000);

        // The first transfer sends its body in 10 pieces over 8 s; the test context's deadline is 1 s. Had the
        // deadline not cut it off, that first transfer would have stored the media in one attempt.
        JsonNode media = afterFirstDownload(
                        bot,
                        "image",
                        "image/png",
                        bytes,
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "image/png")
                                .withBody(bytes)
                                .withChunkedDribbleDelay(10, 8_000))
                .media();

        assertThat(media.path("status").asString()).isEqualTo("stored");
        assertThat(attempts(media)).as("the trickle was cut off and retried").isEqualTo(2);
        assertThat(download(media.path("url").asString()).body()).isEqualTo(bytes);
    }

    @Test
    void should_keep_one_stored_object_when_a_download_breaks_midway_and_the_job_runs_again() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = randomBytes(100_000);
        Settled settled = afterFirstDownload(
                bot, "video", "video/mp4", bytes, aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        String mediaId = settled.mediaId();
        JsonNode media = settled.media();
        assertThat(media.path("status").asString()).isEqualTo("stored");
        assertThat(attempts(media)).isEqualTo(2);

        // As if a node died after storing but before its execution was removed: the revived job runs again.
        String instance = media.path("id").asString();
        jobs.scheduleIfAbsent(MediaDownloadJob.TASK, instance, time.now());
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        jdbc.sql("select count(*) from scheduled_tasks where task_name = :task and task_instance = :id")
                                        .param("task", MediaDownloadJob.TASK)
                                        .param("id", instance)
                                        .query(Integer.class)
                                        .single()
                                == 0);

        assertThat(GraphMediaFake.metadataRequests(mediaId)).isEqualTo(2);
        assertThat(attempts(media)).isEqualTo(2);
        assertThat(storedFiles(bot))
                .singleElement()
                .satisfies(f -> assertThat(Files.readAllBytes(f)).isEqualTo(bytes));
        assertThat(download(media.path("url").asString()).body()).isEqualTo(bytes);
        try (Stream<Path> staging = Files.list(dataDir.resolve("media").resolve(".incoming"))) {
            assertThat(staging.filter(p -> p.getFileName().toString().contains(instance)))
                    .isEmpty();
        }
    }

    @Test
    void should_delete_an_organizations_media_files_and_rows_older_than_the_cutoff(@Autowired MediaLibrary library)
            throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        WhatsAppChat chat = chatWithStoredImage(bot);
        JsonNode media = awaitSettled(chat);
        OrganizationId organization = new OrganizationId(UUID.fromString(bot.organizationId()));

        assertThat(library.deleteOlderThan(organization, time.now().minus(Duration.ofDays(1))))
                .isZero();
        assertThat(storedFiles(bot)).hasSize(1);
        assertThat(library.deleteOlderThan(organization, time.now().plusSeconds(1)))
                .isEqualTo(1);

        assertThat(storedFiles(bot)).isEmpty();
        assertThat(mediaRows(chat.conversationId())).isZero();
        assertThat(get(media.path("url").asString()).statusCode()).isEqualTo(404);
    }

    @Test
    void should_remove_the_stored_file_when_content_retention_deletes_the_message(@Autowired RetentionSweep sweep)
            throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        WhatsAppChat chat = chatWithStoredImage(bot);
        assertThat(storedFiles(bot)).hasSize(1);
        // The image message and its media are 40 days old; the organization deletes content after 30.
        jdbc.sql("update messages set created_at = now() - interval '40 days' where conversation_id = cast(:c as uuid)")
                .param("c", chat.conversationId())
                .update();
        jdbc.sql(
                        "update media_objects set created_at = now() - interval '40 days' where conversation_id = cast(:c as uuid)")
                .param("c", chat.conversationId())
                .update();
        assertThat(api.put(
                                "/api/v1/organizations/" + bot.organizationId() + "/retention",
                                "{\"messageContentDays\": 30, \"mode\": \"delete\"}")
                        .status())
                .isEqualTo(200);

        sweep.sweep();

        assertThat(mediaRows(chat.conversationId())).isZero();
        assertThat(storedFiles(bot))
                .as("no file left behind by the cascade from messages")
                .isEmpty();
    }

    private record Settled(String mediaId, JsonNode media) {}

    /** A contact sends {@code bytes}; the first download gets {@code first}, the next ones the bytes. */
    private Settled afterFirstDownload(
            Tenants.WhatsAppBot bot, String kind, String mime, byte[] bytes, ResponseDefinitionBuilder first) {
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, mime, bytes);
        GraphMediaFake.downloadsRespondInSequence(
                mediaId,
                first,
                aResponse().withStatus(200).withHeader("Content-Type", mime).withBody(bytes));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        send(bot, chat, kind, mediaId, mime, GraphMediaFake.sha256Base64(bytes), time.now());
        return new Settled(mediaId, awaitSettled(chat));
    }

    /** A chat whose contact sent a small image that Parley downloaded and stored. */
    private WhatsAppChat chatWithStoredImage(Tenants.WhatsAppBot bot) {
        byte[] bytes = randomBytes(300);
        String mediaId = newMediaId();
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/jpeg", bytes);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        send(bot, chat, "image", mediaId, "image/jpeg", GraphMediaFake.sha256Base64(bytes), time.now());
        assertThat(awaitSettled(chat).path("status").asString()).isEqualTo("stored");
        return chat;
    }

    private void send(
            Tenants.WhatsAppBot bot,
            WhatsAppChat chat,
            String kind,
            String mediaId,
            String mime,
            String sha256,
            Instant sentAt) {
        MediaWebhooks.post(
                api,
                bot,
                MediaWebhooks.media(
                        bot.phoneNumberId(),
                        chat.waId(),
                        WhatsAppPayloads.newWamid(),
                        kind,
                        mediaId,
                        mime,
                        sha256,
                        sentAt));
    }

    private static JsonNode awaitSettled(WhatsAppChat chat) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            last[0] = mediaOf(chat.messages()).orElseThrow();
            assertThat(last[0].path("status").asString()).isNotEqualTo("pending");
        });
        return last[0];
    }

    private static java.util.Optional<JsonNode> mediaOf(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false)
                .map(m -> m.path("media"))
                .filter(JsonNode::isObject)
                .findFirst();
    }

    private int mediaRows(String conversationId) {
        return jdbc.sql("select count(*) from media_objects where conversation_id = :id")
                .param("id", UUID.fromString(conversationId))
                .query(Integer.class)
                .single();
    }

    private int attempts(JsonNode media) {
        return jdbc.sql("select attempts from media_objects where id = :id")
                .param("id", UUID.fromString(media.path("id").asString()))
                .query(Integer.class)
                .single();
    }

    private List<StoredEvent> failureEvents(Tenants.WhatsAppBot bot) {
        return events.list(
                new OrganizationId(UUID.fromString(bot.organizationId())), "media.download_failed", null, 10);
    }

    private List<Path> storedFiles(Tenants.WhatsAppBot bot) throws IOException {
        Path root = dataDir.resolve("media").resolve(bot.organizationId());
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ParleyTestContext.ADMIN_TOKEN)
                .GET()
                .build();
    }

    private static JsonNode problem(String body) {
        return io.parley.testing.Api.json().readTree(body);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String newMediaId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
    }
}
