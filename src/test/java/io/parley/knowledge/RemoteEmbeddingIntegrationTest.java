package io.parley.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.knowledge.KnowledgeFixtures.addText;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.knowledge.KnowledgeFixtures.chunks;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A chatbot configured with an OpenAI-compatible embedding model, served by WireMock. */
class RemoteEmbeddingIntegrationTest extends IntegrationTestSupport {
    private static final String EMBEDDING = """
            {"object": "list", "model": "text-embedding-3-small", "usage": {"prompt_tokens": 3, "total_tokens": 3},
             "data": [{"object": "embedding", "index": 0, "embedding": [0.6, 0.8, 0.0]}]}""";

    @Test
    void should_reembed_every_source_with_the_configured_model_when_the_settings_change() {
        Bot bot = KnowledgeFixtures.bot(api);
        String id = addText(api, bot, "Note", "Shipping takes two days " + UUID.randomUUID());
        JsonNode local = awaitStatus(api, bot, id, "synced");
        assertThat(local.path("embeddingModel").asString()).isEqualTo("local:all-minilm-l6-v2");
        String prefix = "/embeddings-" + UUID.randomUUID();
        Fakes.wiremock().stubFor(post(urlEqualTo(prefix + "/v1/embeddings")).willReturn(okJson(EMBEDDING)));
        String apiKey = "sk-test-" + UUID.randomUUID();

        Api.Response saved =
                api.put(bot.knowledge() + "/settings", """
                {"embedding": {"provider": "openai", "model": "text-embedding-3-small", "baseUrl": "%s",
                 "apiKey": "%s"}, "chunkSize": 800, "chunkOverlap": 100}""".formatted(Fakes.baseUrl() + prefix + "/v1", apiKey));

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(apiKey);
        assertThat(saved.json().path("embedding").path("apiKeySet").asBoolean()).isTrue();
        assertThat(saved.json().path("chunkSize").asInt()).isEqualTo(800);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get(bot.sources() + "/" + id)
                                .json()
                                .path("embeddingModel")
                                .asString())
                        .isEqualTo("openai:text-embedding-3-small"));
        JsonNode remote = awaitStatus(api, bot, id, "synced");
        assertThat(remote.path("embeddingDimension").asInt()).isEqualTo(3);
        assertThat(chunks(jdbc, id))
                .singleElement()
                .satisfies(c -> assertThat(c.embeddingBytes()).isEqualTo(12));
        Fakes.wiremock()
                .verify(postRequestedFor(urlEqualTo(prefix + "/v1/embeddings"))
                        .withHeader("Authorization", equalTo("Bearer " + apiKey)));
        byte[] stored = jdbc.sql("select embedding_api_key from knowledge_settings where chatbot_id = :bot")
                .param("bot", UUID.fromString(bot.chatbotId()))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(apiKey);
        JsonNode settings = api.get(bot.knowledge() + "/settings").json();
        assertThat(settings.path("embedding").path("provider").asString()).isEqualTo("openai");
        assertThat(settings.path("embedding").has("apiKey")).isFalse();
    }

    @Test
    void should_retry_a_failing_embedding_model_then_fail_the_source_with_the_reason() {
        Bot bot = KnowledgeFixtures.bot(api);
        String prefix = "/embeddings-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(prefix + "/v1/embeddings"))
                        .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"boom\"}}")));
        Api.Response saved = api.put(bot.knowledge() + "/settings", """
                {"embedding": {"provider": "openai", "baseUrl": "%s", "apiKey": "sk-test"}}""".formatted(Fakes.baseUrl() + prefix + "/v1"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        String id = addText(api, bot, "Doomed", "Never embedded " + UUID.randomUUID());
        JsonNode failed = awaitStatus(api, bot, id, "failed");

        assertThat(failed.path("error").asString()).contains("HTTP 500").contains("gave up after 3 attempts");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        Fakes.wiremock().verify(3, postRequestedFor(urlEqualTo(prefix + "/v1/embeddings")));
        assertThat(chunks(jdbc, id)).isEmpty();
    }

    @Test
    void should_reject_invalid_settings() {
        Bot bot = KnowledgeFixtures.bot(api);

        assertProblem(
                api.put(bot.knowledge() + "/settings", "{\"embedding\": {\"provider\": \"cohere\"}}"),
                400,
                "validation_failed");
        assertProblem(
                api.put(bot.knowledge() + "/settings", "{\"chunkSize\": 500, \"chunkOverlap\": 300}"),
                400,
                "validation_failed");
        assertProblem(
                api.put(bot.knowledge() + "/settings", "{\"embedding\": {\"provider\": \"openai\"}}"),
                400,
                "validation_failed");
        JsonNode settings = api.get(bot.knowledge() + "/settings").json();
        assertThat(settings.path("embedding").path("provider").asString()).isEqualTo("local");
        assertThat(settings.path("chunkSize").asInt()).isEqualTo(1000);
        assertThat(settings.path("chunkOverlap").asInt()).isEqualTo(200);
    }
}
