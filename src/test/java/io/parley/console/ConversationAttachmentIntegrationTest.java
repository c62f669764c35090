package io.parley.console;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files attached in the composer over HTTP: uploaded through the channel (the fake Graph API receives the file, then
 * a message carrying the media id it answered), refused before anything leaves when too large, of a type no kind
 * takes, on a channel that takes no uploads, without the CSRF token or for another organization's conversation.
 */
class ConversationAttachmentIntegrationTest extends IntegrationTestSupport {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    Tenants.WhatsAppBot bot;
    WhatsAppChat chat;
    String base;
    String mediaId;

    @BeforeEach
    void aContactWrote() {
        bot = Tenants.offlineBot(api, "[{\"question\": \"opening hours\", \"answer\": \"9 to 5\"}]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        mediaId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        GraphFake.acceptUploads(bot.phoneNumberId(), mediaId);
        chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        base = "/console/conversations/" + chat.conversationId();
    }

    private ConsoleHttp signedIn(String organizationId) {
        return new ConsoleHttp(port).signIn(ConsoleStaff.create(api, organizationId, "agent"), ConsoleStaff.PASSWORD);
    }

    private HttpResponse<String> attach(
            ConsoleHttp session, String text, ConsoleMultipart.FilePart file, boolean withCsrf, String... headers) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("text", text);
        fields.put("idempotencyKey", "test-" + UUID.randomUUID());
        if (withCsrf) {
            fields.put("_csrf", session.csrfToken());
        }
        return ConsoleMultipart.post(port, session, base + "/messages", fields, file, headers);
    }

    private static ConsoleMultipart.FilePart file(String name, String type, byte[] bytes) {
        return new ConsoleMultipart.FilePart("attachmentFile", name, type, bytes);
    }

    private List<LoggedRequest> uploads() {
        return GraphFake.uploads(bot.phoneNumberId());
    }

    private List<LoggedRequest> mediaSends() {
        return java.util.stream.Stream.of("image", "document", "audio", "video")
                .flatMap(type -> GraphFake.sendsOfType(bot.phoneNumberId(), type).stream())
                .toList();
    }

    private int agentMessages() {
        return jdbc.sql("select count(*) from messages where conversation_id = :id and role = 'agent'")
                .param("id", UUID.fromString(chat.conversationId()))
                .query(Integer.class)
                .single();
    }

    @Test
    void should_upload_the_file_and_send_a_message_carrying_the_returned_media_id() {
        ConsoleHttp agent = signedIn(bot.organizationId());
        assertThat(agent.get(base).body())
                .contains("data-test=\"attachment-file\"", "enctype=\"multipart/form-data\"")
                .doesNotContain("data-test=\"attachment-link\"");

        HttpResponse<String> sent = attach(agent, "Our menu", file("menu.png", "image/png", PNG), true);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.getHeader("Authorization")).isEqualTo("Bearer " + bot.accessToken());
            assertThat(upload.getPart("type").getBody().asString()).isEqualTo("image/png");
            assertThat(upload.getPart("file").getBody().asBytes()).isEqualTo(PNG);
        });
        LoggedRequest send = await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sendsOfType(bot.phoneNumberId(), "image"), s -> s.size() == 1)
                .getFirst();
        JsonNode image = JSON.readTree(send.getBodyAsString()).path("image");
        assertThat(image.path("id").asString()).isEqualTo(mediaId);
        assertThat(image.path("caption").asString()).isEqualTo("Our menu");
        assertThat(image.has("link")).isFalse();
    }

    @Test
    void should_send_a_document_with_its_filename_when_htmx_posts_it() {
        ConsoleHttp agent = signedIn(bot.organizationId());

        HttpResponse<String> sent = attach(
                agent,
                "",
                file("price list.pdf", "application/pdf", "%PDF-1.4".getBytes()),
                false,
                "HX-Request",
                "true",
                "X-CSRF-Token",
                agent.csrfToken());

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        LoggedRequest send = await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sendsOfType(bot.phoneNumberId(), "document"), s -> s.size() == 1)
                .getFirst();
        JsonNode document = JSON.readTree(send.getBodyAsString()).path("document");
        assertThat(document.path("id").asString()).isEqualTo(mediaId);
        assertThat(document.path("filename").asString()).isEqualTo("price list.pdf");
    }

    @Test
    void should_refuse_a_file_over_its_kinds_limit_or_of_an_unsupported_type_and_send_nothing() {
        ConsoleHttp agent = signedIn(bot.organizationId());
        // Tests allow images of 1 MB (parley.whatsapp.upload.max-image) under a 4 MB multipart ceiling.
        HttpResponse<String> tooLarge =
                attach(agent, "Big", file("big.png", "image/png", new byte[(1 << 20) + 1]), true);
        HttpResponse<String> gif = attach(agent, "Gif", file("a.gif", "image/gif", PNG), true);
        HttpResponse<String> flashed = attach(
                agent,
                "Big",
                file("big.png", "image/png", new byte[(1 << 20) + 1]),
                false,
                "HX-Request",
                "true",
                "X-CSRF-Token",
                agent.csrfToken());

        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("An image can have at most 1 MB; this file has 1.0 MB");
        assertThat(gif.statusCode()).isEqualTo(400);
        assertThat(gif.body()).contains("Files of type image/gif cannot be sent", "image/png");
        assertThat(flashed.statusCode()).isEqualTo(400);
        assertThat(flashed.headers().firstValue("HX-Retarget")).hasValue("#flash");
        assertThat(flashed.body()).contains("An image can have at most 1 MB").doesNotContain("<html");
        assertThat(uploads()).as("nothing reached Meta").isEmpty();
        assertThat(mediaSends()).isEmpty();
        assertThat(agentMessages()).isZero();
    }

    @Test
    void should_refuse_a_file_past_the_servers_multipart_ceiling_and_send_nothing() {
        ConsoleHttp agent = signedIn(bot.organizationId());
        byte[] huge = new byte[(4 << 20) + 1];

        HttpResponse<String> plain = attach(agent, "Huge", file("huge.png", "image/png", huge), true);
        HttpResponse<String> htmx = attach(
                agent,
                "Huge",
                file("huge.png", "image/png", huge),
                false,
                "HX-Request",
                "true",
                "X-CSRF-Token",
                agent.csrfToken());

        System.out.println(
                "CEILING plain " + plain.statusCode() + " " + plain.headers().map() + " " + plain.body());
        System.out.println(
                "CEILING htmx " + htmx.statusCode() + " " + htmx.headers().map() + " " + htmx.body());
        assertThat(uploads()).isEmpty();
        assertThat(agentMessages()).isZero();
    }

    @Test
    void should_show_the_upload_failure_and_send_nothing_when_graph_refuses_the_file() {
        Fakes.wiremock()
                .stubFor(post(urlEqualTo("/graph/v22.0/" + bot.phoneNumberId() + "/media"))
                        .atPriority(1)
                        .willReturn(GraphFake.error(400, 131053, "Media upload error")));
        ConsoleHttp agent = signedIn(bot.organizationId());

        HttpResponse<String> refused = attach(agent, "Menu", file("menu.png", "image/png", PNG), true);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("WhatsApp answered 400 to the upload: Media upload error");
        assertThat(mediaSends()).isEmpty();
        assertThat(agentMessages()).isZero();
    }

    @Test
    void should_refuse_a_multipart_post_without_the_csrf_token_and_upload_nothing() {
        ConsoleHttp agent = signedIn(bot.organizationId());

        HttpResponse<String> refused = attach(agent, "Menu", file("menu.png", "image/png", PNG), false);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(uploads()).isEmpty();
        assertThat(agentMessages()).isZero();
    }

    @Test
    void should_not_find_another_organizations_conversation_and_upload_nothing() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        ConsoleHttp stranger = signedIn(other.organizationId());

        HttpResponse<String> refused = attach(stranger, "Menu", file("menu.png", "image/png", PNG), true);

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("data-test=\"not-found\"");
        assertThat(uploads()).isEmpty();
        assertThat(agentMessages()).isZero();
    }

    @Test
    void should_offer_the_link_field_and_refuse_files_on_a_channel_that_takes_no_uploads() {
        Api.Response webchat = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor-" + UUID.randomUUID() + "\", \"text\": \"opening hours\"}");
        assertThat(webchat.status()).as(webchat.body()).isEqualTo(202);
        base = "/console/conversations/" + webchat.text("conversationId");
        ConsoleHttp agent = signedIn(bot.organizationId());

        String page = agent.get(base).body();
        HttpResponse<String> refused = attach(agent, "Menu", file("menu.png", "image/png", PNG), true);

        assertThat(page)
                .contains("data-test=\"attachment-link\"")
                .doesNotContain("data-test=\"attachment-file\"", "multipart/form-data");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Files cannot be uploaded on a");
        assertThat(uploads()).isEmpty();
    }
}
