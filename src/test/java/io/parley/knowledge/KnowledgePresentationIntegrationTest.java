package io.parley.knowledge;

import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.knowledge.KnowledgeFixtures.chunks;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.knowledge.KnowledgeFixtures.StoredChunk;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Presentations: one section per slide, each chunk knowing its slide. */
class KnowledgePresentationIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_keep_the_slide_number_of_each_chunk_when_a_pptx_is_uploaded() {
        Bot bot = KnowledgeFixtures.bot(api);
        String marker = "P-" + UUID.randomUUID();
        Api.Response response = api.upload(
                bot.sources(), "file", "tour.pptx", "application/octet-stream", Documents.storeTourPptx(marker));
        assertThat(response.status()).as(response.body()).isEqualTo(202);

        JsonNode source = awaitStatus(api, bot, response.text("id"), "synced");

        assertThat(source.path("mediaType").asString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        List<StoredChunk> chunks = chunks(jdbc, response.text("id"));
        assertThat(chunks).hasSize(2).hasSize(source.path("chunkCount").asInt());
        assertThat(chunks.get(0).location()).isEqualTo(Map.of("slide", 1));
        assertThat(chunks.get(0).text()).isEqualTo("Store tour " + marker);
        assertThat(chunks.get(1).location()).isEqualTo(Map.of("slide", 2));
        assertThat(chunks.get(1).text())
                .contains("Espresso bar")
                .contains("opens at eight on weekdays")
                .doesNotContain("Store tour");
    }
}
