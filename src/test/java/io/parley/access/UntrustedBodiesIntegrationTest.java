package io.parley.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;

/**
 * Bodies from strangers cost nothing before they are allowed: multipart is parsed only on upload routes and only
 * after the caller was authenticated and authorized, and public routes (login, web chat) refuse oversized bodies
 * before parsing them. The multipart checks announce a body just under the server's multipart ceiling (100 MB in
 * production, 4 MB here) and send only its first kilobyte: the server must answer without waiting for the rest.
 */
class UntrustedBodiesIntegrationTest extends IntegrationTestSupport {
    private static final String MULTIPART = "multipart/form-data; boundary=parley-boundary";

    /** Larger bodies are refused from their Content-Length alone; this one a parser would wait for. */
    @Value("${spring.servlet.multipart.max-file-size}")
    DataSize multipartCeiling;

    @Test
    void should_refuse_a_multipart_upload_without_reading_it_when_the_caller_is_not_allowed() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String upload = "/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources";
        String agentKey = api.post(
                        "/api/v1/organizations/" + bot.organizationId() + "/api-keys",
                        "{\"name\": \"agent\", \"role\": \"agent\"}")
                .text("key");

        assertThat(statusOfPartialUpload(upload, null)).as("no token").isEqualTo(401);
        assertThat(statusOfPartialUpload(upload, agentKey))
                .as("a role too low for knowledge uploads")
                .isEqualTo(403);
        assertThat(statusOfPartialUpload("/api/v1/auth/login", null))
                .as("the public login")
                .isEqualTo(413);
    }

    @Test
    void should_accept_an_upload_whose_file_name_is_long_and_not_ascii() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String name = "Preisliste für Zelte und Schlafsäcke ".repeat(20) + "ü".repeat(100) + ".txt";

        Api.Response upload = api.upload(
                "/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources",
                "file",
                name,
                "text/plain",
                ("A7-33X costs 749.00 EUR " + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));

        assertThat(name.getBytes(StandardCharsets.UTF_8).length)
                .as("past Tomcat's 512 B default")
                .isGreaterThan(900);
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        assertThat(upload.json().path("name").asString()).isEqualTo(name);
    }

    @Test
    void should_answer_415_without_reading_it_when_multipart_is_sent_to_a_json_route() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        assertThat(statusOfPartialUpload("/api/v1/organizations", ParleyTestContext.ADMIN_TOKEN))
                .isEqualTo(415);
        assertThat(statusOfPartialUpload(
                        "/api/v1/conversations/" + java.util.UUID.randomUUID() + "/handback",
                        ParleyTestContext.ADMIN_TOKEN))
                .as("a route without a body")
                .isIn(404, 415);
        Api.Response small = api.upload(
                "/api/v1/chatbots/" + bot.chatbotId() + "/templates",
                "file",
                "a.txt",
                "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(small.status()).as(small.body()).isEqualTo(415);
        assertThat(small.json().path("code").asString()).isEqualTo("unsupported_media_type");
    }

    @Test
    void should_answer_413_before_parsing_when_a_login_or_web_chat_body_passes_the_cap() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String big = "{\"email\": \"" + "a".repeat(200_000) + "@acme.test\", \"password\": \"x\"}";

        Api.Response login = api.withToken(null).post("/api/v1/auth/login", big);
        assertThat(login.status()).as(login.body()).isEqualTo(413);
        assertThat(login.json().path("code").asString()).isEqualTo("payload_too_large");
        assertThat(chunked("/api/v1/auth/login", null, big).statusCode())
                .as("chunked login")
                .isEqualTo(413);
        String chat = "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages";
        String bigChat = "{\"sessionId\": \"visitor-big\", \"text\": \"" + "x".repeat(100_000) + "\"}";
        assertThat(api.post(chat, bigChat).status()).as("web chat").isEqualTo(413);
        assertThat(chunked(chat, ParleyTestContext.ADMIN_TOKEN, bigChat).statusCode())
                .as("chunked web chat")
                .isEqualTo(413);

        assertThat(api.withToken(null)
                        .post("/api/v1/auth/login", "{\"email\": \"nobody@acme.test\", \"password\": \"wrong\"}")
                        .status())
                .isEqualTo(401);
        assertThat(chunked(
                                chat,
                                ParleyTestContext.ADMIN_TOKEN,
                                "{\"sessionId\": \"visitor-small\", \"text\": \"Hello\"}")
                        .statusCode())
                .isEqualTo(202);
    }

    /**
     * Announces a multipart body just under the ceiling, sends its first kilobyte and reads the status line. A
     * server that parsed the upload first would wait for the rest, and this read would time out.
     */
    private int statusOfPartialUpload(String path, String token) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                            + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                            + "Content-Type: " + MULTIPART + "\r\n"
                            + "Content-Length: " + (multipartCeiling.toBytes() - 1024) + "\r\n\r\n"
                            + "--parley-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                            + "Content-Type: application/pdf\r\n\r\n%PDF-1.7\r\n" + "x".repeat(1024))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).as("status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    path + ": no answer while the announced body was not sent: the server is "
                            + "reading the multipart body",
                    e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST without Content-Length (chunked transfer encoding). */
    private HttpResponse<String> chunked(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
