package io.parley.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description at {@code /api/openapi.json} against the routes Spring MVC really has: every
 * {@code /api/v1}, {@code /client/v1} and webhook route must be in it (a controller route springdoc does not see, or
 * that configuration leaves out, fails here), and so must every route of {@link AccessMatrixIntegrationTest#EXPECTED}.
 */
class OpenApiIntegrationTest extends IntegrationTestSupport {
    private static final List<String> DESCRIBED_ROOTS = List.of("/api/v1/", "/client/v1/", "/webhooks/");

    private static JsonNode document;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void should_serve_an_openapi_3_1_document_when_fetched_without_credentials() {
        JsonNode document = document();
        Api.Response response = api.withToken(null).get("/api/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("info").path("title").asString()).isEqualTo("Parley API");
    }

    @Test
    void should_describe_every_controller_route_when_routes_are_discovered() {
        Set<String> described = described();
        List<String> missing = discovered().stream()
                .filter(route -> !described.contains(route))
                .toList();

        assertThat(discovered()).as("routes under " + DESCRIBED_ROOTS).hasSizeGreaterThan(100);
        assertThat(missing)
                .as("controller routes missing from /api/openapi.json")
                .isEmpty();
    }

    @Test
    void should_describe_every_route_of_the_access_matrix() {
        Set<String> described = described();

        assertThat(AccessMatrixIntegrationTest.EXPECTED.keySet().stream()
                        .map(route -> route.method() + " " + route.pattern())
                        .filter(route -> !described.contains(route))
                        .toList())
                .as("access matrix routes missing from /api/openapi.json")
                .isEmpty();
    }

    @Test
    void should_describe_only_parley_routes_when_the_document_is_built() {
        Set<String> discovered = new TreeSet<>(discovered());

        assertThat(described())
                .as("described routes that Spring MVC does not have")
                .isSubsetOf(discovered);
    }

    @Test
    void should_name_every_schema_once_when_controllers_share_simple_names() {
        JsonNode schemas = document().path("components").path("schemas");
        List<String> references = new ArrayList<>();
        collectReferences(document(), references);

        assertThat(schemas.propertyNames())
                .as("short names, no class names")
                .noneMatch(name -> name.contains("$") || name.startsWith("io.parley") || name.contains("JsonNode"));
        assertThat(references)
                .isNotEmpty()
                .allSatisfy(reference -> assertThat(reference)
                        .satisfiesAnyOf(
                                ref -> assertThat(ref).startsWith("#/components/responses/"),
                                ref -> assertThat(schemas.has(ref.replace("#/components/schemas/", "")))
                                        .as(ref)
                                        .isTrue()));
        assertThat(schemas.propertyNames())
                .as("two modules' ContactView both kept")
                .filteredOn(name -> name.endsWith("ContactView"))
                .hasSizeGreaterThan(1);
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject() && node.has("$ref")) {
            references.add(node.path("$ref").asString());
        }
        node.values().forEach(child -> collectReferences(child, references));
    }

    @Test
    void should_demand_the_credentials_of_each_route_when_describing_security() {
        JsonNode paths = document().path("paths");
        JsonNode schemes = document().path("components").path("securitySchemes");

        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("channelKey").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("channelKeyQuery").path("in").asString()).isEqualTo("query");
        JsonNode login = paths.path("/api/v1/auth/login").path("post");
        assertThat(login.path("security").isEmpty())
                .as("login needs no credentials")
                .isTrue();
        assertThat(login.path("x-parley-access").asString()).isEqualTo("public");
        JsonNode organizations = paths.path("/api/v1/organizations").path("post");
        assertThat(organizations.path("security").get(0).has("bearer")).isTrue();
        assertThat(organizations.path("x-parley-access").asString()).isEqualTo("operator");
        assertThat(paths.path("/api/v1/chatbots/{botId}")
                        .path("delete")
                        .path("x-parley-access")
                        .asString())
                .isEqualTo("owner");
        assertThat(paths.path("/client/v1/messages")
                        .path("post")
                        .path("security")
                        .get(0)
                        .has("channelKey"))
                .isTrue();
        JsonNode webhook = paths.path("/webhooks/whatsapp").path("post");
        assertThat(webhook.path("parameters")
                        .valueStream()
                        .map(parameter -> parameter.path("in").asString() + " "
                                + parameter.path("name").asString()))
                .contains("header X-Hub-Signature-256");
        assertThat(webhook.path("tags").get(0).asString()).isEqualTo("webhooks");
    }

    @Test
    void should_describe_error_responses_with_their_problem_codes() {
        JsonNode document = document();
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        SoftAssertions soft = new SoftAssertions();

        soft.assertThat(problem.path("properties").has("code")).isTrue();
        soft.assertThat(problem.path("properties").has("traceId")).isTrue();
        soft.assertThat(problem.path("x-problem-codes")
                        .path("chatbot_not_found")
                        .asInt())
                .isEqualTo(404);
        soft.assertThat(problem.path("x-problem-codes")
                        .path("validation_failed")
                        .asInt())
                .isEqualTo(400);
        soft.assertThat(document.path("components")
                        .path("responses")
                        .path("Problem401")
                        .path("content")
                        .path("application/problem+json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
        soft.assertThat(document.path("components")
                        .path("responses")
                        .path("Problem409")
                        .path("description")
                        .asString())
                .contains("`idempotency_key_reused`");
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    String route = operation.getKey() + " " + path.getKey();
                    soft.assertThat(responses.path("400").path("$ref").asString())
                            .as(route + " 400")
                            .isEqualTo("#/components/responses/Problem400");
                    soft.assertThat(responses.has("429")).as(route + " 429").isTrue();
                    boolean open = operation.getValue().path("security").isEmpty();
                    soft.assertThat(responses.has("401"))
                            .as(route + " 401")
                            .isEqualTo(!open
                                    || operation.getKey().equals("post")
                                            && path.getKey().startsWith("/webhooks/"));
                    if (path.getKey().contains("{")) {
                        soft.assertThat(responses.has("404")).as(route + " 404").isTrue();
                    }
                }));
        soft.assertAll();
    }

    @Test
    void should_serve_the_interactive_reference_page_when_opened_without_credentials() {
        Api anonymous = api.withToken(null);
        Api.Response entry = anonymous.get("/api/docs");
        assertThat(entry.status()).isEqualTo(302);
        String page = entry.raw().headers().firstValue("Location").orElseThrow();

        Api.Response html = anonymous.get(page.replaceFirst("^https?://[^/]+", ""));
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("swagger-ui-bundle.js");
        assertThat(page).endsWith("/api/swagger-ui/index.html");
        assertThat(html.raw().headers().firstValue("Content-Security-Policy"))
                .as("the page policy, not the API's")
                .hasValueSatisfying(policy ->
                        assertThat(policy).contains("script-src 'self'").doesNotContain("sandbox"));
        Api.Response initializer =
                anonymous.get(page.replaceFirst("^https?://[^/]+", "").replace("index.html", "swagger-initializer.js"));
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).contains("/api/openapi.json");
    }

    /** The description, fetched once: building it the first time takes a while on a busy machine. */
    private JsonNode document() {
        if (document == null) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/openapi.json"))
                    .timeout(Duration.ofSeconds(180))
                    .GET()
                    .build();
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                document = Api.json().readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return document;
    }

    /** "METHOD path" of every operation in the description. */
    private Set<String> described() {
        Set<String> routes = new TreeSet<>();
        document()
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace")
                            .contains(operation.getKey())) {
                        routes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return routes;
    }

    /** "METHOD pattern" of every controller route under the described roots, as Spring MVC maps them. */
    private List<String> discovered() {
        List<String> routes = new ArrayList<>();
        mapping.getHandlerMethods()
                .forEach((info, handler) -> info.getPatternValues().stream()
                        .filter(pattern -> DESCRIBED_ROOTS.stream().anyMatch(root -> (pattern + "/").startsWith(root)))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> routes.add(method.name() + " " + pattern))));
        return routes.stream().distinct().sorted().toList();
    }
}
