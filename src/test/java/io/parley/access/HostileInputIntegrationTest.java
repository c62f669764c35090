package io.parley.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the route table (API, login, web chat, webhooks, pages), discovered from Spring MVC like the access
 * matrix, gets a hostile corpus ({@link HostileCorpus}) from a caller who is allowed to call it (the operator token):
 * nothing may answer 5xx. Mutations run before reads, deletions last, so one fixture serves every route.
 */
class HostileInputIntegrationTest extends IntegrationTestSupport {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Query parameter names Parley's routes read, for routes whose handler reads them from the request itself. */
    private static final List<String> QUERY_NAMES = List.of(
            "limit",
            "before",
            "type",
            "level",
            "status",
            "state",
            "from",
            "to",
            "groupBy",
            "since",
            "until",
            "reason",
            "lane",
            "conversationId",
            "channelId",
            "transient",
            "provider",
            "model",
            "page",
            "size",
            "kind",
            "channelAccountId");

    record Route(String method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return (pattern + " " + method).compareTo(other.pattern + " " + other.method);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void should_never_answer_5xx_when_any_route_gets_hostile_bodies_or_query_parameters() {
        AccessFixture fixture = AccessFixture.create(api, jdbc, "H");
        Map<Route, List<HandlerMethod>> routes = routes();
        List<HostileCorpus.Body> common = HostileCorpus.common();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (String method : List.of("POST", "PUT", "PATCH", "GET", "DELETE")) {
            for (Map.Entry<Route, List<HandlerMethod>> entry : routes.entrySet()) {
                Route route = entry.getKey();
                if (!route.method().equals(method)) {
                    continue;
                }
                String path = fixture.fill(route.pattern());
                List<HostileCorpus.Body> bodies = switch (method) {
                    case "GET" -> List.of();
                    case "DELETE" -> common;
                    default -> concat(common, HostileCorpus.forShape(BodyShape.of(entry.getValue())));
                };
                for (HostileCorpus.Body body : bodies) {
                    requests++;
                    check(failures, route, body.toString(), send(method, path, body));
                }
                for (String query : HostileCorpus.queries(queryNames(entry.getValue()))) {
                    requests++;
                    check(failures, route, "?" + query, send(method, path + "?" + query, null));
                }
                for (String variable : AccessMatrixIntegrationTest.variables(route.pattern())) {
                    String nul = fixture.fill(route.pattern().replace("{" + variable + "}", "a%00b"));
                    requests++;
                    check(failures, route, "NUL in {" + variable + "}", send(method, nul, null));
                }
            }
        }
        // The MCP server is a servlet of its own, not in Spring MVC's table.
        for (HostileCorpus.Body body : concat(common, HostileCorpus.forShape(BodyShape.GENERIC))) {
            requests++;
            check(failures, new Route("POST", "/mcp"), body.toString(), send("POST", "/mcp", body));
        }
        assertThat(requests).as("requests sent").isGreaterThan(1000);
        assertThat(failures)
                .as("5xx answers out of %d hostile requests", requests)
                .isEmpty();
    }

    @Test
    void should_answer_400_or_415_problems_when_a_body_is_broken_null_too_deep_wrong_typed_or_not_json() {
        for (String body : List.of(
                "{\"name\": ",
                "null",
                "[]",
                "\"Acme\"",
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"name\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000) + "}",
                "{\"name\": [\"Acme\"]}")) {
            Api.Response response = api.post("/api/v1/organizations", body);
            assertThat(response.status())
                    .as(body.substring(0, Math.min(40, body.length())))
                    .isEqualTo(400);
            assertThat(response.json().path("code").asString()).isIn("malformed_request", "validation_failed");
        }
        Api.Response plain = api.postRaw(
                "/api/v1/organizations",
                "{}".getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + ParleyTestContext.ADMIN_TOKEN,
                "Content-Type",
                "text/plain");
        assertThat(plain.status()).as(plain.body()).isEqualTo(415);
        assertThat(plain.json().path("code").asString()).isEqualTo("unsupported_media_type");
    }

    @Test
    void should_store_texts_without_nul_when_api_bodies_and_uploads_contain_nul_characters() {
        Api.Response org = api.post("/api/v1/organizations", "{\"name\": \"Ac\\u0000me \\u0000Ltd\"}");
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        assertThat(org.text("name")).isEqualTo("Acme Ltd");
        assertThat(column("organizations", "name", org.text("id"))).isEqualTo("Acme Ltd");
        Api.Response bot = api.post("/api/v1/organizations/" + org.text("id") + "/chatbots", """
                {"name": "Sup\\u0000port", "systemPrompt": "Be\\u0000 brief.", "model": {"provider": "offline"},
                 "faq": [{"question": "Hours?\\u0000", "answer": "From nine."}]}""");
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        assertThat(column("chatbots", "name", bot.text("id"))).isEqualTo("Support");
        Api.Response chat = api.post(
                "/api/v1/chatbots/" + bot.text("id") + "/webchat/messages",
                "{\"sessionId\": \"visitor-nul\", \"text\": \"Hel\\u0000lo\"}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(202);
        assertThat(column("messages", "content", chat.text("messageId"))).isEqualTo("Hello");

        Api.Response filter = api.get("/api/v1/organizations/" + org.text("id") + "/events?limit=5&type=delivery%00");
        assertThat(filter.status()).as(filter.body()).isEqualTo(400);
        assertThat(filter.json().path("code").asString()).isEqualTo("invalid_text");
        assertThat(filter.json().path("field").asString()).isEqualTo("type");
        Api.Response upload = api.upload(
                "/api/v1/chatbots/" + bot.text("id") + "/knowledge/sources",
                "file",
                "hours\0.txt",
                "text/plain",
                "We open at nine.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(400);
        assertThat(upload.json().path("code").asString()).isEqualTo("malformed_request");
    }

    @Test
    void should_store_a_documents_text_without_nul_when_an_uploaded_file_contains_nul_bytes() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String sources = "/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources";
        Api.Response upload = api.upload(
                sources, "file", "hours.txt", "text/plain", "We open\0 at nine.\0".getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(api.get(sources + "/" + upload.text("id"))
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("synced"));
        assertThat(jdbc.sql("select text from knowledge_chunks where source_id = :id")
                        .param("id", UUID.fromString(upload.text("id")))
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("We open at nine.")
                .doesNotContain("\0");
    }

    @Test
    void should_not_answer_5xx_when_a_stored_header_carries_nul_or_bytes_that_are_not_utf8() throws IOException {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Api.Response chat = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor-header\", \"text\": \"Hello\"}");
        String path = "/api/v1/conversations/" + chat.text("conversationId") + "/messages";
        byte[] body = "{\"text\": \"Hi\"}".getBytes(StandardCharsets.UTF_8);
        for (byte[] key : List.of(new byte[] {'k', 0, 'y'}, new byte[] {'k', (byte) 0xC3, 0x28, (byte) 0xFF})) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                + "Authorization: Bearer " + ParleyTestContext.ADMIN_TOKEN + "\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                                + "Idempotency-Key: ")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(key);
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status)
                        .as("Idempotency-Key %s", java.util.Arrays.toString(key))
                        .startsWith("HTTP/1.1 ")
                        .doesNotStartWith("HTTP/1.1 5");
            }
        }
    }

    private String column(String table, String column, String id) {
        return jdbc.sql("select " + column + " from " + table + " where id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void check(List<String> failures, Route route, String what, HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            String body = response.body();
            failures.add(route + " with " + what + " → " + response.statusCode() + " "
                    + body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private HttpResponse<String> send(String method, String path, HostileCorpus.Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ParleyTestContext.ADMIN_TOKEN)
                .header("Accept", path.startsWith("/mcp") ? "application/json, text/event-stream" : "*/*");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            if (body.contentType() != null) {
                request.header("Content-Type", body.contentType());
            }
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " with " + body, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every route with a method, except Spring's error page; a path may have several handlers (by Content-Type). */
    private Map<Route, List<HandlerMethod>> routes() {
        Map<Route, List<HandlerMethod>> routes = new TreeMap<>();
        mapping.getHandlerMethods()
                .forEach((info, handler) -> info.getPatternValues().stream()
                        .filter(pattern -> !pattern.equals("/error"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> routes.computeIfAbsent(
                                                new Route(method.name(), pattern), r -> new ArrayList<>())
                                        .add(handler))));
        assertThat(routes.keySet()).as("the route table").hasSizeGreaterThan(80);
        return routes;
    }

    private static Set<String> queryNames(List<HandlerMethod> handlers) {
        Set<String> names = new LinkedHashSet<>(QUERY_NAMES);
        for (HandlerMethod handler : handlers) {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null && !param.name().isEmpty()) {
                    names.add(param.name());
                } else if (param != null && parameter.getParameterName() != null) {
                    names.add(parameter.getParameterName());
                }
            }
        }
        return names;
    }
}
