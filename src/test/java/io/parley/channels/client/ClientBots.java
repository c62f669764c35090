package io.parley.channels.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import io.parley.testing.Tenants;
import java.util.UUID;

/** Chatbots on a fake model with a client channel, through the admin API as a customer would connect them. */
final class ClientBots {
    private ClientBots() {}

    /** A connected client channel: its key, identity secret (web/app) or signing secret (api). */
    record Channel(
            String organizationId,
            String chatbotId,
            String channelId,
            String type,
            String key,
            String identitySecret,
            String signingSecret,
            LlmFake llm) {
        Api client(Api api) {
            return api.withToken(key);
        }
    }

    static String chatbot(Api api, LlmFake llm) {
        String org = Tenants.organization(api, "Client org " + UUID.randomUUID());
        Api.Response bot =
                api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Shop", "systemPrompt": "You are a helpful assistant.",
                 "model": {"provider": "openai", "name": "gpt-4o-mini", "baseUrl": "%s", "apiKey": "%s",
                           "temperature": 0.0, "timeoutSeconds": 20}}""".formatted(llm.baseUrl(), llm.apiKey()));
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        return bot.text("id");
    }

    static Channel connect(Api api, String chatbotId, LlmFake llm, String channelJson) {
        Api.Response created = api.post("/api/v1/chatbots/" + chatbotId + "/channels", channelJson);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response chatbot = api.get("/api/v1/chatbots/" + chatbotId);
        return new Channel(
                chatbot.text("organizationId"),
                chatbotId,
                created.text("id"),
                created.text("type"),
                created.text("key"),
                created.json().path("identitySecret").asString(null),
                created.json().path("signingSecret").asString(null),
                llm);
    }

    static Channel web(Api api, String reply, String... origins) {
        LlmFake llm = LlmFake.create().replies(reply);
        String list = String.join(
                ",", java.util.Arrays.stream(origins).map(o -> "\"" + o + "\"").toList());
        return connect(api, chatbot(api, llm), llm, """
                {"type": "web", "name": "Website", "allowedOrigins": [%s], "acceptGuests": true}""".formatted(list));
    }

    static Channel api(Api api, String reply, String callbackUrl) {
        LlmFake llm = LlmFake.create().replies(reply);
        return connect(
                api,
                chatbot(api, llm),
                llm,
                callbackUrl == null
                        ? "{\"type\": \"api\", \"name\": \"Backend\"}"
                        : "{\"type\": \"api\", \"name\": \"Backend\", \"callbackUrl\": \"" + callbackUrl + "\"}");
    }

    static Channel app(Api api, String reply, boolean acceptGuests) {
        LlmFake llm = LlmFake.create().replies(reply);
        return connect(api, chatbot(api, llm), llm, """
                {"type": "app", "name": "App", "acceptGuests": %s}""".formatted(acceptGuests));
    }

    static String message(String requestId, String text, String userJson) {
        return """
                {"requestId": "%s", "text": %s, "user": %s}""".formatted(requestId, Api.json().writeValueAsString(text), userJson == null ? "{}" : userJson);
    }
}
