package io.parley.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.knowledge.KnowledgeFixtures.addText;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A stored embedding key stays with the provider and base URL it was entered for (ADR 25). */
class EmbeddingKeyIntegrationTest extends IntegrationTestSupport {
    private static final String EMBEDDING = """
            {"object": "list", "model": "text-embedding-3-small", "usage": {"prompt_tokens": 3, "total_tokens": 3},
             "data": [{"object": "embedding", "index": 0, "embedding": [0.6, 0.8, 0.0]}]}""";

    @Test
    void should_refuse_and_keep_embedding_at_the_old_url_when_the_base_url_moves_without_a_new_key() {
        Bot bot = KnowledgeFixtures.bot(api);
        String home = embeddingServer();
        String attacker = embeddingServer();
        String apiKey = "sk-embed-" + UUID.randomUUID();
        assertThat(putSettings(bot, """
                {"embedding": {"provider": "openai", "baseUrl": "%s", "apiKey": "%s"}}""".formatted(home, apiKey)).status()).isEqualTo(200);

        JsonNode problem = assertProblem(
                putSettings(bot, "{\"embedding\": {\"baseUrl\": \"" + attacker + "\"}}"), 400, "api_key_required");

        assertThat(problem.path("field").asString()).isEqualTo("embedding.apiKey");
        assertThat(api.get(bot.knowledge() + "/settings")
                        .json()
                        .path("embedding")
                        .path("baseUrl")
                        .asString())
                .as("nothing changed")
                .isEqualTo(home);
        awaitStatus(api, bot, addText(api, bot, "Note", "Shipping takes two days " + UUID.randomUUID()), "synced");
        assertThat(requests(home)).extracting(r -> r.getHeader("Authorization")).containsOnly("Bearer " + apiKey);
        assertThat(requests(attacker)).as("the new base URL is never called").isEmpty();
    }

    @Test
    void should_refuse_a_provider_change_and_allow_it_with_the_key_removed_or_replaced() {
        Bot bot = KnowledgeFixtures.bot(api);
        String home = embeddingServer();
        assertThat(putSettings(bot, """
                {"embedding": {"provider": "openai", "baseUrl": "%s", "apiKey": "sk-old"}}""".formatted(home)).status()).isEqualTo(200);

        assertProblem(putSettings(bot, "{\"embedding\": {\"provider\": \"ollama\"}}"), 400, "api_key_required");
        assertProblem(putSettings(bot, "{\"embedding\": {\"baseUrl\": \"\"}}"), 400, "api_key_required");
        Api.Response removed = putSettings(
                bot, "{\"embedding\": {\"provider\": \"ollama\", \"baseUrl\": \"" + home + "\", \"apiKey\": \"\"}}");
        Api.Response replaced = putSettings(bot, "{\"embedding\": {\"provider\": \"openai\", \"apiKey\": \"sk-new\"}}");

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().path("embedding").path("apiKeySet").asBoolean())
                .isFalse();
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().path("embedding").path("apiKeySet").asBoolean())
                .isTrue();
        Api.Response chunking = putSettings(bot, "{\"chunkSize\": 900}");
        assertThat(chunking.status())
                .as("changes that do not move a key need none")
                .isEqualTo(200);
    }

    private Api.Response putSettings(Bot bot, String json) {
        return api.put(bot.knowledge() + "/settings", json);
    }

    /** An OpenAI-compatible embeddings endpoint under a path of its own; returns its base URL. */
    private static String embeddingServer() {
        String prefix = "/embeddings-" + UUID.randomUUID();
        Fakes.wiremock().stubFor(post(urlEqualTo(prefix + "/v1/embeddings")).willReturn(okJson(EMBEDDING)));
        return Fakes.baseUrl() + prefix + "/v1";
    }

    private static java.util.List<LoggedRequest> requests(String baseUrl) {
        String path = baseUrl.substring(Fakes.baseUrl().length()) + "/embeddings";
        return Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(path)));
    }
}
