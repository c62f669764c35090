package io.parley.tenancy;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A chatbot's stored model keys stay with the provider and base URL they were entered for: moving the model (or its
 * fallback) needs a new key or the removal of the old one in the same PATCH (ADR 25).
 */
class ProviderKeyIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_refuse_and_never_call_the_new_url_when_the_base_url_moves_without_a_new_key() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        LlmFake attacker = LlmFake.create().replies("captured");

        JsonNode problem = assertProblem(
                patchModel(bot, "{\"baseUrl\": \"" + attacker.baseUrl() + "\"}"), 400, "api_key_required");

        assertThat(problem.path("field").asString()).isEqualTo("model.apiKey");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("model.apiKey");
        JsonNode model = api.get("/api/v1/chatbots/" + bot.chatbotId()).json().path("model");
        assertThat(model.path("baseUrl").asString())
                .as("nothing changed")
                .isEqualTo(bot.llm().baseUrl());
        assertThat(model.path("apiKeySet").asBoolean()).isTrue();
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);
        assertThat(chat.awaitReceived(1)).containsExactly("Hello!");
        assertThat(bot.llm().requests().getLast().getHeader("Authorization"))
                .isEqualTo("Bearer " + bot.llm().apiKey());
        assertThat(attacker.requests()).as("the new base URL is never called").isEmpty();
    }

    @Test
    void should_refuse_when_the_provider_or_a_default_base_url_changes_while_a_key_is_stored() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String defaultUrlBot =
                chatbot("{\"provider\": \"openai\", \"name\": \"gpt-4o-mini\", \"apiKey\": \"sk-default\"}");

        assertProblem(
                patchModel(bot, "{\"provider\": \"anthropic\", \"name\": \"claude-3-5-haiku-latest\"}"),
                400,
                "api_key_required");
        assertProblem(patchModel(bot, "{\"provider\": \"offline\"}"), 400, "api_key_required");
        assertProblem(patchModel(bot, "{\"baseUrl\": null}"), 400, "api_key_required");
        assertProblem(
                api.patch("/api/v1/chatbots/" + defaultUrlBot, "{\"model\": {\"baseUrl\": \"https://llm.example\"}}"),
                400,
                "api_key_required");

        JsonNode model = api.get("/api/v1/chatbots/" + bot.chatbotId()).json().path("model");
        assertThat(model.path("provider").asString()).isEqualTo("openai");
        assertThat(model.path("baseUrl").asString()).isEqualTo(bot.llm().baseUrl());
        assertThat(api.get("/api/v1/chatbots/" + defaultUrlBot)
                        .json()
                        .path("model")
                        .path("baseUrl")
                        .isString())
                .as("still the provider default")
                .isFalse();
    }

    @Test
    void should_send_only_the_new_key_when_the_base_url_moves_with_a_new_key() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        LlmFake moved = LlmFake.create().replies("Hello from the new server");
        String newKey = "sk-new-" + UUID.randomUUID();

        Api.Response patched =
                patchModel(bot, "{\"baseUrl\": \"" + moved.baseUrl() + "\", \"apiKey\": \"" + newKey + "\"}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        assertThat(chat.awaitReceived(1)).containsExactly("Hello from the new server");
        assertThat(moved.requests())
                .extracting(r -> r.getHeader("Authorization"))
                .containsOnly("Bearer " + newKey);
        assertThat(bot.llm().requests()).isEmpty();
    }

    @Test
    void should_allow_the_move_when_the_stored_key_is_removed_in_the_same_request() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        LlmFake moved = LlmFake.create().replies("keyless");

        Api.Response patched = patchModel(bot, "{\"baseUrl\": \"" + moved.baseUrl() + "\", \"apiKey\": null}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("model").path("baseUrl").asString()).isEqualTo(moved.baseUrl());
        assertThat(patched.json().path("model").path("apiKeySet").asBoolean()).isFalse();
        Api.Response unrelated = patchModel(bot, "{\"temperature\": 0.2}");
        assertThat(unrelated.status())
                .as("changes that do not move a key need none")
                .isEqualTo(200);
    }

    @Test
    void should_refuse_when_the_fallback_model_moves_without_its_new_key() {
        LlmFake primary = LlmFake.create();
        LlmFake fallback = LlmFake.create();
        LlmFake attacker = LlmFake.create();
        String bot = chatbot("""
                {"provider": "openai", "name": "gpt-4o-mini", "baseUrl": "%s", "apiKey": "%s",
                 "fallback": {"provider": "openai", "name": "gpt-4o", "baseUrl": "%s", "apiKey": "%s"}}""".formatted(primary.baseUrl(), primary.apiKey(), fallback.baseUrl(), fallback.apiKey()));

        JsonNode problem = assertProblem(
                api.patch(
                        "/api/v1/chatbots/" + bot,
                        "{\"model\": {\"fallback\": {\"baseUrl\": \"" + attacker.baseUrl() + "\"}}}"),
                400,
                "api_key_required");
        Api.Response removed = api.patch(
                "/api/v1/chatbots/" + bot,
                "{\"model\": {\"fallback\": {\"baseUrl\": \"" + attacker.baseUrl() + "\", \"apiKey\": null}}}");

        assertThat(problem.path("field").asString()).isEqualTo("model.fallback.apiKey");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        JsonNode moved = removed.json().path("model").path("fallback");
        assertThat(moved.path("baseUrl").asString()).isEqualTo(attacker.baseUrl());
        assertThat(moved.path("apiKeySet").asBoolean()).isFalse();
        assertThat(removed.json().path("model").path("apiKeySet").asBoolean())
                .as("the primary key stays")
                .isTrue();
    }

    private Api.Response patchModel(Tenants.WhatsAppBot bot, String modelJson) {
        return api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"model\": " + modelJson + "}");
    }

    private String chatbot(String modelJson) {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        Api.Response created = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Keys", "systemPrompt": "You help.", "model": %s}""".formatted(modelJson));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }
}
