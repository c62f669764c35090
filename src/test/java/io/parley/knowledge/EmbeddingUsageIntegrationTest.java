package io.parley.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.knowledge.KnowledgeFixtures.addText;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.usage.UsageLedger;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Remote embedding batches of an ingestion in the usage ledger: tokens, price, unpriced alert, no double count. */
class EmbeddingUsageIntegrationTest extends IntegrationTestSupport {
    private static final String EMBEDDING = """
            {"object": "list", "model": "m", "usage": {"prompt_tokens": 1500, "total_tokens": 1500},
             "data": [{"object": "embedding", "index": 0, "embedding": [0.6, 0.8, 0.0]}]}""";

    @Autowired
    UsageLedger ledger;

    @Test
    void should_record_each_remote_embedding_batch_once_with_its_tokens_and_price() {
        String model = "embed-" + UUID.randomUUID();
        assertThat(api.put("/api/v1/prices", """
                {"provider": "openai", "model": "%s", "inputPer1k": 0.02, "outputPer1k": 0}""".formatted(model)).status()).isEqualTo(200);
        Bot bot = remoteBot(model);

        String source = addText(api, bot, "Note", "Shipping takes two days " + UUID.randomUUID());
        awaitStatus(api, bot, source, "synced");

        JsonNode usage = usage(bot, "");
        assertThat(usage.path("tokensIn").asLong()).isEqualTo(1500);
        assertThat(usage.path("messages").asLong()).isZero();
        assertThat(new BigDecimal(usage.path("cost").asString())).isEqualByComparingTo("0.03");
        JsonNode byKind = usage(bot, "?groupBy=kind");
        assertThat(byKind.path("groups")).singleElement().satisfies(g -> {
            assertThat(g.path("key").asString()).isEqualTo("embedding");
            assertThat(g.path("tokensIn").asLong()).isEqualTo(1500);
        });
        String key = jdbc.sql("select source_key from usage_records where organization_id = :org")
                .param("org", UUID.fromString(bot.organizationId()))
                .query(String.class)
                .single();
        assertThat(key).startsWith("embedding:" + source + ":").endsWith(":0");

        // A run resuming after a crash embeds the same batch under the same key: nothing more is counted.
        boolean again = ledger.recordEmbedding(
                new OrganizationId(UUID.fromString(bot.organizationId())),
                new ChatbotId(UUID.fromString(bot.chatbotId())),
                "openai",
                model,
                1500,
                key.substring("embedding:".length()));
        assertThat(again).isFalse();
        assertThat(usage(bot, "").path("tokensIn").asLong()).isEqualTo(1500);

        // A reindex is a new run: its batch is billed again.
        assertThat(api.post(bot.sources() + "/" + source + "/reindex", "{}").status())
                .isEqualTo(202);
        org.awaitility.Awaitility.await()
                .untilAsserted(() ->
                        assertThat(usage(bot, "").path("tokensIn").asLong()).isEqualTo(3000));
    }

    @Test
    void should_alert_unpriced_usage_when_the_embedding_model_has_no_price() {
        Bot bot = remoteBot("unpriced-" + UUID.randomUUID());

        awaitStatus(api, bot, addText(api, bot, "Note", "Returns within 30 days " + UUID.randomUUID()), "synced");

        JsonNode usage = usage(bot, "");
        assertThat(usage.path("tokensIn").asLong()).isEqualTo(1500);
        assertThat(usage.path("unpriced").asLong()).isEqualTo(1);
        JsonNode events = api.get("/api/v1/organizations/" + bot.organizationId() + "/events?type=usage.unpriced")
                .json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("payload").path("provider").asString()).isEqualTo("openai");
    }

    @Test
    void should_not_record_the_free_local_embedder() {
        Bot bot = KnowledgeFixtures.bot(api);
        awaitStatus(api, bot, addText(api, bot, "Local", "Local facts " + UUID.randomUUID()), "synced");
        assertThat(jdbc.sql("select count(*) from usage_records where organization_id = :org")
                        .param("org", UUID.fromString(bot.organizationId()))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private Bot remoteBot(String model) {
        Bot bot = KnowledgeFixtures.bot(api);
        String prefix = "/embeddings-" + UUID.randomUUID();
        Fakes.wiremock().stubFor(post(urlEqualTo(prefix + "/v1/embeddings")).willReturn(okJson(EMBEDDING)));
        Api.Response saved =
                api.put(bot.knowledge() + "/settings", """
                {"embedding": {"provider": "openai", "model": "%s", "baseUrl": "%s", "apiKey": "sk-test"}}""".formatted(model, Fakes.baseUrl() + prefix + "/v1"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        return bot;
    }

    private JsonNode usage(Bot bot, String query) {
        return api.get("/api/v1/organizations/" + bot.organizationId() + "/usage" + query)
                .json();
    }
}
