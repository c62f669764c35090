package io.parley.platform.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.testing.Api;
import io.parley.testing.ApiProblems;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * SSRF through every URL a tenant configures: a server on 127.0.0.2, which the tests' allow list
 * ({@code 127.0.0.1,localhost}) does not open, is never reached, however its address is written; each refusal is
 * {@code 400 egress_refused} naming the request's field, and nothing is stored. 127.0.0.1 is reachable from each.
 */
class EgressIntegrationTest extends IntegrationTestSupport {
    private static WireMockServer forbidden;

    @BeforeAll
    static void startForbiddenServer() {
        // Linux routes all of 127/8 to the loopback interface, so this is a server on "another" internal host.
        forbidden = new WireMockServer(wireMockConfig().bindAddress("127.0.0.2").dynamicPort());
        forbidden.start();
    }

    @AfterAll
    static void stopForbiddenServer() {
        forbidden.stop();
    }

    @BeforeEach
    void answerEverythingIfEverAsked() {
        forbidden.resetAll();
        // if a request ever got through, it would succeed: a tool list, a page, a model reply
        forbidden.stubFor(any(anyUrl()).willReturn(okJson("[]")));
    }

    /** Where the request body puts each tenant URL, how to submit one, and how to see that nothing was stored. */
    enum UrlField {
        HTTP_TOOL_SOURCE("url") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api().post(t.tools(), "{\"type\": \"http\", \"name\": \"T\", \"url\": \"" + url + "\"}");
            }

            @Override
            boolean stored(Tenant t) {
                return !t.api().get(t.tools()).json().isEmpty();
            }
        },
        MCP_TOOL_SOURCE("url") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api()
                        .post(
                                t.tools(),
                                "{\"type\": \"mcp\", \"name\": \"M\", \"transport\": \"http\", " + "\"url\": \"" + url
                                        + "\"}");
            }

            @Override
            boolean stored(Tenant t) {
                return !t.api().get(t.tools()).json().isEmpty();
            }
        },
        WEBHOOK_ALERT_SINK("url") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api()
                        .post(
                                t.sinks(),
                                "{\"type\": \"webhook\", \"url\": \"" + url
                                        + "\", \"secret\": \"0123456789abcdef0123\"}");
            }

            @Override
            boolean stored(Tenant t) {
                return !t.api().get(t.sinks()).json().isEmpty();
            }
        },
        SLACK_ALERT_SINK("url") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api().post(t.sinks(), "{\"type\": \"slack\", \"url\": \"" + url + "\"}");
            }

            @Override
            boolean stored(Tenant t) {
                return !t.api().get(t.sinks()).json().isEmpty();
            }
        },
        ORGANIZATION_SLACK_URL("notifications.slackWebhookUrl") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api()
                        .patch(
                                "/api/v1/organizations/" + t.organizationId(),
                                "{\"notifications\": {\"method\": \"slack\", \"slackWebhookUrl\": \"" + url + "\"}}");
            }

            @Override
            boolean stored(Tenant t) {
                JsonNode notifications = t.api()
                        .get("/api/v1/organizations/" + t.organizationId())
                        .json()
                        .path("notifications");
                return notifications.path("slackWebhookUrlSet").asBoolean()
                        || !notifications.path("method").asString().equals("disabled");
            }
        },
        MODEL_BASE_URL("model.baseUrl") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api().post(t.chatbots(), chatbot("""
                        {"provider": "openai", "name": "gpt-4o-mini", "apiKey": "sk-x", "baseUrl": "%s"}""", url));
            }

            @Override
            boolean stored(Tenant t) {
                return t.api().get(t.chatbots()).json().size() > 1;
            }
        },
        MODEL_BASE_URL_PATCHED("model.baseUrl") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api()
                        .patch(
                                "/api/v1/chatbots/" + t.chatbotId(),
                                "{\"model\": {\"provider\": \"openai\", "
                                        + "\"name\": \"gpt-4o-mini\", \"apiKey\": \"sk-x\", \"baseUrl\": \"" + url
                                        + "\"}}");
            }

            @Override
            boolean stored(Tenant t) {
                return !t.api()
                        .get("/api/v1/chatbots/" + t.chatbotId())
                        .json()
                        .path("model")
                        .path("provider")
                        .asString()
                        .equals("offline");
            }
        },
        FALLBACK_BASE_URL("model.fallback.baseUrl") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api().post(t.chatbots(), chatbot("""
                        {"provider": "openai", "name": "gpt-4o-mini", "apiKey": "sk-x", "baseUrl": "%s",
                         "fallback": {"provider": "openai", "name": "gpt-4o-mini", "apiKey": "sk-y",
                                      "baseUrl": "%s"}}""", Fakes.baseUrl() + "/llm/unused/v1", url));
            }

            @Override
            boolean stored(Tenant t) {
                return t.api().get(t.chatbots()).json().size() > 1;
            }
        },
        EMBEDDING_BASE_URL("embedding.baseUrl") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api()
                        .put(
                                t.knowledge() + "/settings",
                                "{\"embedding\": {\"provider\": \"openai\", " + "\"apiKey\": \"sk-x\", \"baseUrl\": \""
                                        + url + "\"}}");
            }

            @Override
            boolean stored(Tenant t) {
                return !t.api()
                        .get(t.knowledge() + "/settings")
                        .json()
                        .path("embedding")
                        .path("provider")
                        .asString()
                        .equals("local");
            }
        },
        KNOWLEDGE_URL_SOURCE("url") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api().post(t.knowledge() + "/sources", "{\"type\": \"url\", \"url\": \"" + url + "\"}");
            }

            @Override
            boolean stored(Tenant t) {
                return t.api()
                                .get(t.knowledge() + "/sources")
                                .json()
                                .path("total")
                                .asInt()
                        > 0;
            }
        },
        KNOWLEDGE_CRAWL("baseUrl") {
            @Override
            Api.Response submit(Tenant t, String url) {
                return t.api().post(t.knowledge() + "/crawl", "{\"baseUrl\": \"" + url + "\", \"maxDepth\": 1}");
            }

            @Override
            boolean stored(Tenant t) {
                return t.jdbc()
                                .sql("select count(*) from knowledge_crawls where chatbot_id = :bot")
                                .param("bot", UUID.fromString(t.chatbotId()))
                                .query(Long.class)
                                .single()
                        > 0;
            }
        };

        final String field;

        UrlField(String field) {
            this.field = field;
        }

        abstract Api.Response submit(Tenant tenant, String url);

        abstract boolean stored(Tenant tenant);

        private static String chatbot(String modelTemplate, Object... urls) {
            return "{\"name\": \"Egress\", \"systemPrompt\": \"Hi.\", \"model\": " + modelTemplate.formatted(urls)
                    + "}";
        }
    }

    record Tenant(Api api, JdbcClient jdbc, String organizationId, String chatbotId) {
        String tools() {
            return "/api/v1/organizations/" + organizationId + "/tools";
        }

        String sinks() {
            return "/api/v1/organizations/" + organizationId + "/alert-sinks";
        }

        String chatbots() {
            return "/api/v1/organizations/" + organizationId + "/chatbots";
        }

        String knowledge() {
            return "/api/v1/chatbots/" + chatbotId + "/knowledge";
        }
    }

    static Stream<Arguments> refusedUrls() {
        List<String> forms =
                List.of("http://127.0.0.2:%d/x", "http://2130706434:%d/x", "http://[::ffff:127.0.0.2]:%d/x");
        return Stream.of(UrlField.values())
                .flatMap(field -> forms.stream().map(form -> Arguments.of(field, form.formatted(forbidden.port()))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedUrls")
    void should_refuse_and_store_nothing_when_a_url_field_points_at_an_address_that_is_not_allowed(
            UrlField field, String url) {
        Tenant tenant = tenant();

        Api.Response response = field.submit(tenant, url);

        JsonNode problem = ApiProblems.assertProblem(response, 400, "egress_refused");
        assertThat(problem.path("field").asString()).isEqualTo(field.field);
        assertThat(problem.path("reason").asString()).isNotBlank();
        assertThat(field.stored(tenant)).as("stored after " + response.body()).isFalse();
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = UrlField.class, names = "MCP_TOOL_SOURCE", mode = EnumSource.Mode.EXCLUDE)
    void should_accept_a_url_field_on_127_0_0_1_which_the_allow_list_opens(UrlField field) {
        // McpToolSourceIntegrationTest registers its real MCP server at http://127.0.0.1:<port>/mcp.
        String path = "/allowed-" + UUID.randomUUID();
        String base = "http://127.0.0.1:" + Fakes.wiremock().port() + path;
        Fakes.wiremock().stubFor(get(urlEqualTo(path + "/tools")).willReturn(okJson("[]")));
        Tenant tenant = tenant();

        Api.Response response = field.submit(tenant, base);

        assertThat(response.status()).as(response.body()).isBetween(200, 202);
        assertThat(field.stored(tenant)).isTrue();
    }

    @Test
    void should_fail_a_knowledge_url_whose_allowed_host_redirects_to_one_that_is_not() {
        Tenant tenant = tenant();
        String path = "/redirecting-" + UUID.randomUUID() + "/page.html";
        Fakes.wiremock().stubFor(get(urlEqualTo(path)).willReturn(redirectToForbidden()));

        Api.Response added = tenant.api()
                .post(
                        tenant.knowledge() + "/sources",
                        "{\"type\": \"url\", \"url\": \"http://127.0.0.1:"
                                + Fakes.wiremock().port() + path + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode source = tenant.api()
                    .get(tenant.knowledge() + "/sources/" + added.text("id"))
                    .json();
            assertThat(source.path("status").asString()).isEqualTo("failed");
            assertThat(source.path("error").asString()).contains("refused").contains("loopback");
        });
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void should_refuse_an_http_tool_source_whose_allowed_host_redirects_to_one_that_is_not() {
        Tenant tenant = tenant();
        String path = "/redirecting-tools-" + UUID.randomUUID();
        Fakes.wiremock().stubFor(get(urlEqualTo(path + "/tools")).willReturn(redirectToForbidden()));

        Api.Response refused = tenant.api()
                .post(
                        tenant.tools(),
                        "{\"type\": \"http\", \"name\": \"R\", " + "\"url\": \"http://127.0.0.1:"
                                + Fakes.wiremock().port() + path + "\"}");

        JsonNode problem = ApiProblems.assertProblem(refused, 422, "tool_source_unreachable");
        assertThat(problem.path("reason").asString()).contains("302").contains("redirect");
        assertThat(tenant.api().get(tenant.tools()).json()).isEmpty();
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void should_answer_with_the_error_fallback_when_the_model_server_redirects_to_a_host_that_is_not_allowed() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(redirectToForbidden());
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hello?");

        assertThat(chat.awaitReceived(1)).containsExactly("ERROR-FALLBACK");
        List<Rows.Event> events = new Rows(jdbc)
                .events(bot.organizationId()).stream()
                        .filter(e -> e.type().startsWith("llm."))
                        .toList();
        assertThat(events).extracting(Rows.Event::type).containsExactly("llm.error");
        assertThat(events.getFirst().payload().path("status").asInt()).isEqualTo(302);
        assertThat(forbidden.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private static ResponseDefinitionBuilder redirectToForbidden() {
        return aResponse().withStatus(302).withHeader("Location", "http://127.0.0.2:" + forbidden.port() + "/secret");
    }

    private Tenant tenant() {
        String org = Tenants.organization(api, "Egress " + UUID.randomUUID());
        Api.Response bot = api.post(
                "/api/v1/organizations/" + org + "/chatbots",
                "{\"name\": \"Offline\", \"systemPrompt\": \"Hi.\", \"model\": {\"provider\": \"offline\"}}");
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        return new Tenant(api, jdbc, org, bot.text("id"));
    }
}
