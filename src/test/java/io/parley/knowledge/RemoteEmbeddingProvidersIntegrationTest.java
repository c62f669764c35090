package io.parley.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.knowledge.KnowledgeFixtures.addText;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.knowledge.KnowledgeFixtures.chunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Chatbots configured with Gemini and Ollama embedding models, served by WireMock on their real paths. */
class RemoteEmbeddingProvidersIntegrationTest extends IntegrationTestSupport {
    private static final String GEMINI_EMBEDDING = """
            {"embedding": {"values": [0.0, 0.6, 0.8, 0.0]}}""";
    private static final String OLLAMA_EMBED = """
            {"model": "nomic-embed-text", "embeddings": [[0.6, 0.0, 0.8, 0.0, 0.0]]}""";

    @Test
    void should_reembed_with_gemini_sending_the_api_key_header_to_embed_content() {
        Bot bot = KnowledgeFixtures.bot(api);
        String id = addText(api, bot, "Note", "Shipping takes two days " + UUID.randomUUID());
        awaitStatus(api, bot, id, "synced");
        String prefix = "/gemini-" + UUID.randomUUID() + "/v1beta";
        String path = prefix + "/models/text-embedding-004:embedContent";
        Fakes.wiremock().stubFor(post(urlEqualTo(path)).willReturn(okJson(GEMINI_EMBEDDING)));
        String apiKey = "AIza-test-" + UUID.randomUUID();

        saveSettings(bot, """
                {"embedding": {"provider": "gemini", "model": "text-embedding-004", "apiKey": "%s", "baseUrl": "%s"}}""".formatted(apiKey, Fakes.baseUrl() + prefix));

        JsonNode source = awaitModel(bot, id, "gemini:text-embedding-004");
        assertThat(source.path("embeddingDimension").asInt()).isEqualTo(4);
        assertThat(chunks(jdbc, id))
                .singleElement()
                .satisfies(c -> assertThat(c.embeddingBytes()).isEqualTo(16));
        Fakes.wiremock()
                .verify(postRequestedFor(urlEqualTo(path))
                        .withHeader("x-goog-api-key", equalTo(apiKey))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("models/text-embedding-004"))));
    }

    @Test
    void should_reembed_with_ollama_posting_to_api_embed() {
        Bot bot = KnowledgeFixtures.bot(api);
        String id = addText(api, bot, "Note", "Returns within thirty days " + UUID.randomUUID());
        awaitStatus(api, bot, id, "synced");
        String prefix = "/ollama-" + UUID.randomUUID();
        Fakes.wiremock().stubFor(post(urlEqualTo(prefix + "/api/embed")).willReturn(okJson(OLLAMA_EMBED)));

        saveSettings(bot, """
                {"embedding": {"provider": "ollama", "model": "nomic-embed-text", "baseUrl": "%s"}}""".formatted(Fakes.baseUrl() + prefix));

        JsonNode source = awaitModel(bot, id, "ollama:nomic-embed-text");
        assertThat(source.path("embeddingDimension").asInt()).isEqualTo(5);
        assertThat(chunks(jdbc, id))
                .singleElement()
                .satisfies(c -> assertThat(c.embeddingBytes()).isEqualTo(20));
        Fakes.wiremock()
                .verify(postRequestedFor(urlEqualTo(prefix + "/api/embed"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("nomic-embed-text"))));
    }

    @Test
    void should_retry_a_failing_gemini_model_then_fail_the_source_with_the_reason() {
        Bot bot = KnowledgeFixtures.bot(api);
        String prefix = "/gemini-" + UUID.randomUUID() + "/v1beta";
        String path = prefix + "/models/text-embedding-004:embedContent";
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(path))
                        .willReturn(aResponse()
                                .withStatus(500)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\": {\"code\": 500}}")));
        saveSettings(bot, """
                {"embedding": {"provider": "gemini", "apiKey": "AIza-test", "baseUrl": "%s"}}""".formatted(Fakes.baseUrl() + prefix));

        String id = addText(api, bot, "Doomed", "Never embedded " + UUID.randomUUID());
        JsonNode failed = awaitStatus(api, bot, id, "failed");

        assertThat(failed.path("error").asString()).contains("HTTP 500").contains("gave up after 3 attempts");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        Fakes.wiremock().verify(3, postRequestedFor(urlEqualTo(path)));
        assertThat(chunks(jdbc, id)).isEmpty();
    }

    @Test
    void should_retry_a_failing_ollama_model_then_fail_the_source_with_the_reason() {
        Bot bot = KnowledgeFixtures.bot(api);
        String prefix = "/ollama-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(prefix + "/api/embed"))
                        .willReturn(aResponse()
                                .withStatus(500)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\": \"model crashed\"}")));
        saveSettings(bot, """
                {"embedding": {"provider": "ollama", "baseUrl": "%s"}}""".formatted(Fakes.baseUrl() + prefix));

        String id = addText(api, bot, "Doomed", "Never embedded " + UUID.randomUUID());
        JsonNode failed = awaitStatus(api, bot, id, "failed");

        assertThat(failed.path("error").asString()).contains("HTTP 500").contains("gave up after 3 attempts");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        Fakes.wiremock().verify(3, postRequestedFor(urlEqualTo(prefix + "/api/embed")));
    }

    private void saveSettings(Bot bot, String json) {
        Api.Response saved = api.put(bot.knowledge() + "/settings", json);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private JsonNode awaitModel(Bot bot, String id, String model) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get(bot.sources() + "/" + id)
                                .json()
                                .path("embeddingModel")
                                .asString())
                        .isEqualTo(model));
        return awaitStatus(api, bot, id, "synced");
    }
}
