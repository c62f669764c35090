package io.parley;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.ParleyProcess;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A node killed with SIGKILL while an ingestion job waits for the embedding model: after a restart on the same
 * database the job is revived (db-scheduler's dead-execution detection), the source ends synced with exactly one set
 * of chunks, and the organization's quota counts the source once.
 */
class IngestionCrashRecoveryProcessTest {
    private static final String EMBEDDING = """
            {"object": "list", "model": "text-embedding-3-small", "usage": {"prompt_tokens": 3, "total_tokens": 3},
             "data": [{"object": "embedding", "index": 0, "embedding": [0.6, 0.8, 0.0]}]}""";

    private ParleyProcess parley;

    @AfterEach
    void stop() {
        if (parley != null) {
            parley.close();
        }
    }

    @Test
    void should_sync_one_set_of_chunks_and_count_the_quota_once_when_killed_mid_embedding() {
        String dbUrl = TestDatabases.fresh();
        parley = new ParleyProcess(environment(dbUrl), ParleyProcess.logFile("crash-ingestion")).start();
        Api api = parley.api();
        String prefix = "/embeddings-" + UUID.randomUUID();
        String embeddings = prefix + "/v1/embeddings";
        // One chunk per call: the first call answers, the second hangs, so the kill lands mid-embedding.
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(embeddings))
                        .inScenario(prefix)
                        .whenScenarioStateIs(STARTED)
                        .willReturn(okJson(EMBEDDING))
                        .willSetStateTo("slow"));
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(embeddings))
                        .inScenario(prefix)
                        .whenScenarioStateIs("slow")
                        .willReturn(okJson(EMBEDDING).withFixedDelay(120_000)));
        String organizationId = Tenants.organization(api, "Ingestion crash " + UUID.randomUUID());
        String botId = api.post("/api/v1/organizations/" + organizationId + "/chatbots", """
                {"name": "Crash knowledge", "systemPrompt": "Answer from the knowledge base.",
                 "model": {"provider": "offline"}}""")
                .text("id");
        String knowledge = "/api/v1/chatbots/" + botId + "/knowledge";
        Api.Response saved = api.put(knowledge + "/settings", """
                {"embedding": {"provider": "openai", "model": "text-embedding-3-small", "baseUrl": "%s",
                 "apiKey": "sk-crash"}, "chunkSize": 300, "chunkOverlap": 0}""".formatted(Fakes.baseUrl() + prefix + "/v1"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        Api.Response added = api.post(
                knowledge + "/sources",
                Api.json()
                        .createObjectNode()
                        .put("type", "text")
                        .put("name", "Handbook")
                        .put("text", handbook())
                        .toString());
        assertThat(added.status()).as(added.body()).isEqualTo(202);
        String sourceId = added.text("id");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fakes.wiremock()
                                .findAll(postRequestedFor(urlEqualTo(embeddings)))
                                .size()
                        == 2);
        assertThat(api.get(knowledge + "/sources/" + sourceId)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("processing");

        parley.kill();
        Fakes.wiremock().stubFor(post(urlEqualTo(embeddings)).willReturn(okJson(EMBEDDING)));
        parley.start();

        JsonNode synced = awaitStatus(parley.api(), knowledge + "/sources/" + sourceId, "synced");
        int chunkCount = synced.path("chunkCount").asInt();
        assertThat(chunkCount).isGreaterThan(3);
        assertThat(synced.path("embeddingModel").asString()).isEqualTo("openai:text-embedding-3-small");
        assertThat(synced.path("attempts").asInt())
                .as("claimed again after the restart")
                .isEqualTo(2);
        assertThat(ordinals(dbUrl, sourceId))
                .containsExactlyElementsOf(
                        IntStream.range(0, chunkCount).boxed().toList());
        JsonNode quota = parley.api().get(knowledge + "/quota").json();
        assertThat(quota.path("documents").path("used").asLong()).isEqualTo(1);
        assertThat(quota.path("ingestionsToday").path("used").asLong()).isEqualTo(1);
        assertThat(quota.path("storageBytes").path("used").asLong())
                .isEqualTo(handbook().length());
    }

    private static JsonNode awaitStatus(Api api, String path, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    last[0] = api.get(path).json();
                    assertThat(last[0].path("status").asString())
                            .as(last[0].toString())
                            .isEqualTo(status);
                });
        return last[0];
    }

    private static List<Integer> ordinals(String dbUrl, String sourceId) {
        try (Connection connection = DriverManager.getConnection(dbUrl);
                PreparedStatement query = connection.prepareStatement(
                        "select ordinal from knowledge_chunks where source_id = ? order by ordinal")) {
            query.setObject(1, UUID.fromString(sourceId));
            List<Integer> ordinals = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ordinals.add(rows.getInt(1));
                }
            }
            return ordinals;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String handbook() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append("Rule ")
                    .append(i)
                    .append(": parcels of category ")
                    .append(i)
                    .append(" ship within ")
                    .append(i % 5 + 1)
                    .append(" working days.\n\n");
        }
        return text.toString();
    }

    private static Map<String, String> environment(String dbUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_DB_URL", dbUrl);
        env.put("PARLEY_DB_POOL_SIZE", "5");
        env.put("PARLEY_DATA_DIR", ParleyProcess.tempDir("parley-ingest-crash").toString());
        env.put("PARLEY_ADMIN_TOKEN", ParleyTestContext.ADMIN_TOKEN);
        env.put("PARLEY_MASTER_KEY", ParleyTestContext.MASTER_KEY);
        env.put("PARLEY_DEMO", "false");
        env.put("PARLEY_EGRESS_ALLOW", "127.0.0.1,localhost"); // the fake model and embedding servers (ADR 24)
        // A dead execution is detected after 4 missed heartbeats: ~4 s instead of ~20 s.
        env.put("PARLEY_JOB_HEARTBEAT", "1s");
        env.put("PARLEY_KNOWLEDGE_EMBEDBATCHSIZE", "1");
        env.put("PARLEY_KNOWLEDGE_REMOTETIMEOUT", "300s");
        return env;
    }
}
