package io.parley.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Bots, sources and their chunk rows, as the knowledge tests need them. */
final class KnowledgeFixtures {
    record Bot(String organizationId, String chatbotId) {
        String sources() {
            return "/api/v1/chatbots/" + chatbotId + "/knowledge/sources";
        }

        String knowledge() {
            return "/api/v1/chatbots/" + chatbotId + "/knowledge";
        }
    }

    record StoredChunk(int ordinal, String text, Map<String, Object> location, int embeddingBytes) {}

    private KnowledgeFixtures() {}

    static Bot bot(Api api) {
        return botIn(api, Tenants.organization(api, "Knowledge " + UUID.randomUUID()));
    }

    static Bot botIn(Api api, String organizationId) {
        Api.Response bot = api.post("/api/v1/organizations/" + organizationId + "/chatbots", """
                {"name": "Knowledge bot", "systemPrompt": "Answer from the knowledge base.",
                 "model": {"provider": "offline"}}""");
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        return new Bot(organizationId, bot.text("id"));
    }

    static String addText(Api api, Bot bot, String name, String text) {
        Api.Response response = api.post(
                bot.sources(),
                Api.json()
                        .createObjectNode()
                        .put("type", "text")
                        .put("name", name)
                        .put("text", text)
                        .toString());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.text("status")).isEqualTo("pending");
        return response.text("id");
    }

    static JsonNode awaitStatus(Api api, Bot bot, String sourceId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Api.Response response = api.get(bot.sources() + "/" + sourceId);
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    last[0] = response.json();
                    assertThat(last[0].path("status").asString())
                            .as(response.body())
                            .isEqualTo(status);
                });
        return last[0];
    }

    @SuppressWarnings("unchecked")
    static List<StoredChunk> chunks(JdbcClient jdbc, String sourceId) {
        return jdbc.sql("""
                        select ordinal, text, location::text, octet_length(embedding) from knowledge_chunks
                        where source_id = :id order by ordinal""")
                .param("id", UUID.fromString(sourceId))
                .query((rs, n) -> new StoredChunk(
                        rs.getInt(1),
                        rs.getString(2),
                        (Map<String, Object>) Api.json().readValue(rs.getString(3), Map.class),
                        rs.getInt(4)))
                .list();
    }

    static long version(JdbcClient jdbc, Bot bot) {
        return jdbc.sql("select coalesce(max(version), 0) from knowledge_settings where chatbot_id = :bot")
                .param("bot", UUID.fromString(bot.chatbotId()))
                .query(Long.class)
                .single();
    }
}
