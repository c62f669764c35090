package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Creates tenants through the admin API, each with ids of its own so tests never share state. */
public final class Tenants {
    private static final AtomicLong PHONE_NUMBER_IDS =
            new AtomicLong(100_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

    private Tenants() {}

    /**
     * A WhatsApp-connected chatbot.
     *
     * @param llm the fake LLM of this bot (an OpenAI-compatible server on WireMock), or null for the offline model
     */
    public record WhatsAppBot(
            String organizationId,
            String chatbotId,
            String channelId,
            String phoneNumberId,
            String accessToken,
            String appSecret,
            String verifyToken,
            LlmFake llm) {}

    public static String organization(Api api, String name) {
        Api.Response response = api.post("/api/v1/organizations", "{\"name\": \"" + name + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("id");
    }

    /** A bot on a fake OpenAI-compatible model, connected to a new WhatsApp number. */
    public static WhatsAppBot openAiBot(Api api) {
        LlmFake llm = LlmFake.create();
        String model = """
                {"provider": "openai", "name": "gpt-4o-mini", "baseUrl": "%s", "apiKey": "%s", "temperature": 0.0,
                 "timeoutSeconds": 2}""".formatted(llm.baseUrl(), llm.apiKey());
        return whatsAppBot(api, model, "[]", llm);
    }

    /** A bot on the model {@code modelJson} (the API's {@code model} object), connected to a new WhatsApp number. */
    public static WhatsAppBot modelBot(Api api, String modelJson) {
        return whatsAppBot(api, modelJson, "[]", null);
    }

    /** A bot on the offline model answering from {@code faqJson}, connected to a new WhatsApp number. */
    public static WhatsAppBot offlineBot(Api api, String faqJson) {
        return whatsAppBot(api, "{\"provider\": \"offline\"}", faqJson, null);
    }

    private static WhatsAppBot whatsAppBot(Api api, String modelJson, String faqJson, LlmFake llm) {
        String org = organization(api, "Org " + UUID.randomUUID());
        Api.Response bot = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Support", "systemPrompt": "You are a helpful assistant.",
                 "fallbackMessages": {"error": "ERROR-FALLBACK", "limit": "LIMIT-FALLBACK", "unknown": "UNKNOWN-FALLBACK"},
                 "model": %s, "faq": %s}""".formatted(modelJson, faqJson));
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        String phoneNumberId = Long.toString(PHONE_NUMBER_IDS.incrementAndGet());
        String accessToken = "EAAtest" + UUID.randomUUID().toString().replace("-", "");
        String appSecret = "secret-" + UUID.randomUUID();
        String verifyToken = "verify-" + UUID.randomUUID();
        Api.Response channel = api.post("/api/v1/chatbots/" + bot.text("id") + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "%s", "appSecret": "%s", "verifyToken": "%s"}""".formatted(
                        phoneNumberId, accessToken, appSecret, verifyToken));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        GraphFake.acceptSends(phoneNumberId);
        return new WhatsAppBot(
                org, bot.text("id"), channel.text("id"), phoneNumberId, accessToken, appSecret, verifyToken, llm);
    }
}
