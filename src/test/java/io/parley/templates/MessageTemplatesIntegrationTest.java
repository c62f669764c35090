package io.parley.templates;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Webhooks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageTemplatesIntegrationTest extends IntegrationTestSupport {
    TemplateBots.Bot bot;

    @BeforeEach
    void createBot() {
        bot = TemplateBots.create(api);
    }

    @Test
    void should_list_registered_template_with_its_parameter_count_when_registered_by_hand() {
        TemplateBots.register(api, bot, "order_update", "Order {{1}} ships on {{2}}.", "approved");

        JsonNode templates = api.get(templatesPath()).json();

        assertThat(templates).singleElement().satisfies(t -> {
            assertThat(t.path("name").asString()).isEqualTo("order_update");
            assertThat(t.path("category").asString()).isEqualTo("UTILITY");
            assertThat(t.path("status").asString()).isEqualTo("approved");
            assertThat(t.path("bodyParameters").asInt()).isEqualTo(2);
            assertThat(t.path("channelId").asString()).isEqualTo(bot.channelId());
        });
    }

    @Test
    void should_reject_registration_when_category_or_name_is_invalid() {
        Api.Response badCategory = api.post(templatesPath(), """
                {"name": "x", "language": "en_US", "category": "promo", "body": "Hi"}""");
        Api.Response badName = api.post(templatesPath(), """
                {"name": "Has Spaces", "language": "en_US", "category": "utility", "body": "Hi"}""");

        assertThat(badCategory.status()).isEqualTo(400);
        assertThat(badCategory.body()).contains("category");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("name");
    }

    @Test
    void should_refuse_window_template_when_unknown_not_approved_or_parameters_do_not_match() {
        TemplateBots.register(api, bot, "pending_one", "Hi {{1}}", "pending");
        TemplateBots.register(api, bot, "two_params", "Hi {{1}}, from {{2}}", "approved");

        assertProblem(setWindow("missing", "[]"), "template_not_found");
        assertProblem(setWindow("pending_one", "[\"{{contact.name}}\"]"), "template_not_approved");
        assertProblem(setWindow("two_params", "[\"{{contact.name}}\"]"), "template_parameters_mismatch");
        assertProblem(setWindow("two_params", "[\"{{contact.name}}\", \"{{contact.email}}\"]"), "validation_failed");
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/window-template")
                        .status())
                .isEqualTo(204);

        Api.Response ok = setWindow("two_params", "[\"{{contact.name|there}}\", \"Acme\"]");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode saved = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/window-template")
                .json();
        assertThat(saved.path("name").asString()).isEqualTo("two_params");
        assertThat(saved.path("parameters").get(1).asString()).isEqualTo("Acme");
    }

    @Test
    void should_store_every_page_with_mapped_status_when_synced_from_graph() {
        String path = "/graph/v22.0/" + bot.wabaId() + "/message_templates";
        String next = Fakes.graphUrl() + "/" + bot.wabaId() + "/message_templates?after=CURSOR2";
        Fakes.wiremock().stubFor(get(urlPathEqualTo(path)).atPriority(5).willReturn(okJson("""
                {"data": [{"id": "111", "name": "welcome_back", "language": "en_US", "category": "MARKETING",
                           "status": "APPROVED", "components": [{"type": "HEADER", "format": "TEXT", "text": "Hey"},
                           {"type": "BODY", "text": "Hi {{1}}, it is {{2}} at {{3}}"}]}],
                 "paging": {"cursors": {"after": "CURSOR2"}, "next": "%s"}}""".formatted(next))));
        Fakes.wiremock()
                .stubFor(get(urlPathEqualTo(path))
                        .atPriority(1)
                        .withQueryParam("after", equalTo("CURSOR2"))
                        .willReturn(okJson("""
                {"data": [{"id": "222", "name": "otp_code", "language": "pt_BR", "category": "AUTHENTICATION",
                           "status": "PAUSED", "components": [{"type": "BODY", "text": "Code {{1}}"}]}],
                 "paging": {"cursors": {"before": "CURSOR2"}}}""")));

        Api.Response sync = api.post(templatesPath() + "/sync", "{}");

        assertThat(sync.status()).as(sync.body()).isEqualTo(200);
        assertThat(sync.json().path("synced").asInt()).isEqualTo(2);
        List<String> rows = new ArrayList<>();
        api.get(templatesPath())
                .json()
                .forEach(t -> rows.add(t.path("name").asString() + "/"
                        + t.path("language").asString() + "/" + t.path("status").asString() + "/"
                        + t.path("bodyParameters").asInt() + "/"
                        + t.path("providerTemplateId").asString()));
        assertThat(rows).containsExactly("otp_code/pt_BR/paused/1/222", "welcome_back/en_US/approved/3/111");
        Fakes.wiremock()
                .verify(
                        2,
                        getRequestedFor(urlPathEqualTo(path))
                                .withHeader("Authorization", equalTo("Bearer " + bot.accessToken())));
    }

    @Test
    void should_answer_422_naming_the_cause_when_the_graph_api_cannot_be_reached_or_fails_during_a_sync() {
        String path = "/graph/v22.0/" + bot.wabaId() + "/message_templates";
        Fakes.wiremock()
                .stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Api.Response unreachable = api.post(templatesPath() + "/sync", "{}");
        Fakes.wiremock()
                .stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        Api.Response unavailable = api.post(templatesPath() + "/sync", "{}");

        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(422);
        assertThat(unreachable.json().path("code").asString()).isEqualTo("template_sync_unavailable");
        assertThat(unreachable.json().path("reason").asString()).isEqualTo("graph_unreachable");
        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(422);
        assertThat(unavailable.json().path("reason").asString()).isEqualTo("graph_unavailable");
        assertThat(unavailable.json().path("graphStatus").asInt()).isEqualTo(503);
        assertThat(api.get(templatesPath()).json()).as("nothing stored").isEmpty();
    }

    @Test
    void should_refuse_sync_when_channel_has_no_business_account_id() {
        String org = io.parley.testing.Tenants.offlineBot(api, "[]").chatbotId();

        assertProblem(api.post("/api/v1/chatbots/" + org + "/templates/sync", "{}"), "business_account_id_missing");
    }

    @Test
    void should_update_status_and_warn_when_configured_window_template_is_paused_by_signed_webhook() {
        TemplateBots.register(api, bot, "reengage", "Hi {{1}}", "approved");
        assertThat(setWindow("reengage", "[\"{{contact.name|there}}\"]").status())
                .isEqualTo(200);
        String paused = TemplateBots.statusWebhook(bot.wabaId(), "PAUSED", "98765", "reengage");

        assertThat(Webhooks.post(api, paused, "not-the-app-secret").status()).isEqualTo(200);
        assertThat(status("reengage")).isEqualTo("approved");

        assertThat(Webhooks.post(api, paused, bot.appSecret()).status()).isEqualTo(200);
        assertThat(status("reengage")).isEqualTo("paused");
        JsonNode events = api.get("/api/v1/organizations/" + bot.organizationId()
                        + "/events?type=templates.window_template_unusable")
                .json();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.path("level").asString()).isEqualTo("warn");
            assertThat(e.path("payload").path("status").asString()).isEqualTo("paused");
        });

        String approved = TemplateBots.statusWebhook(bot.wabaId(), "APPROVED", "98765", "reengage");
        assertThat(Webhooks.post(api, approved, bot.appSecret()).status()).isEqualTo(200);
        assertThat(status("reengage")).isEqualTo("approved");
    }

    @Test
    void should_leave_other_tenants_template_alone_when_a_signed_webhook_names_its_template_id() {
        TemplateBots.Bot other = TemplateBots.create(api);
        String theirId = other.wabaId() + "1";
        Fakes.wiremock()
                .stubFor(get(urlPathEqualTo("/graph/v22.0/" + other.wabaId() + "/message_templates"))
                        .willReturn(okJson("""
                        {"data": [{"id": "%s", "name": "theirs", "language": "en_US", "category": "UTILITY",
                                   "status": "APPROVED", "components": [{"type": "BODY", "text": "Hi"}]}]}""".formatted(theirId))));
        assertThat(api.post("/api/v1/chatbots/" + other.chatbotId() + "/templates/sync", "{}")
                        .status())
                .isEqualTo(200);

        String forged = TemplateBots.statusWebhook(bot.wabaId(), "DISABLED", theirId, "theirs");
        assertThat(Webhooks.post(api, forged, bot.appSecret()).status()).isEqualTo(200);

        assertThat(api.get("/api/v1/chatbots/" + other.chatbotId() + "/templates")
                        .json()
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("approved");
    }

    /**
     * Any tenant may connect a channel claiming any WABA id. A status webhook is applied to the accounts whose own
     * app secret signed it, never to another organization's account that merely claims the same WABA.
     */
    @Test
    void should_change_only_the_signing_accounts_template_when_two_organizations_claim_the_same_waba() {
        TemplateBots.Bot other = TemplateBots.create(api, bot.wabaId());
        TemplateBots.register(api, bot, "order_ready", "Your order is ready.", "approved");
        TemplateBots.register(api, other, "order_ready", "Your order is ready.", "approved");

        String disabled = TemplateBots.statusWebhook(bot.wabaId(), "DISABLED", "55501", "order_ready");
        assertThat(Webhooks.post(api, disabled, bot.appSecret()).status()).isEqualTo(200);

        assertThat(status("order_ready")).isEqualTo("disabled");
        assertThat(status(other, "order_ready"))
                .as("the other organization did not sign")
                .isEqualTo("approved");

        String paused = TemplateBots.statusWebhook(bot.wabaId(), "PAUSED", "55502", "order_ready");
        assertThat(Webhooks.post(api, paused, other.appSecret()).status()).isEqualTo(200);

        assertThat(status(other, "order_ready")).isEqualTo("paused");
        assertThat(status("order_ready"))
                .as("signed by the other organization only")
                .isEqualTo("disabled");
    }

    private String status(String name) {
        return status(bot, name);
    }

    private String status(TemplateBots.Bot owner, String name) {
        for (JsonNode t :
                api.get("/api/v1/chatbots/" + owner.chatbotId() + "/templates").json()) {
            if (name.equals(t.path("name").asString())) {
                return t.path("status").asString();
            }
        }
        throw new AssertionError("No template " + name);
    }

    private Api.Response setWindow(String name, String parametersJson) {
        return api.put("/api/v1/chatbots/" + bot.chatbotId() + "/window-template", """
                {"name": "%s", "language": "en_US", "parameters": %s}""".formatted(name, parametersJson));
    }

    private String templatesPath() {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/templates";
    }

    private static void assertProblem(Api.Response response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).as(response.body()).isEqualTo(code);
    }
}
