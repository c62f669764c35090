package io.parley.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.internal.embed.LocalEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline model really embeds: related sentences are closer than unrelated ones. */
class LocalEmbedderTest {
    private final LocalEmbedder embedder = new LocalEmbedder();

    @Test
    void should_place_a_paraphrase_closer_than_an_unrelated_sentence_when_embedding_offline() {
        List<float[]> v = embedder.embed(List.of(
                "How long does shipping take?",
                "Delivery usually arrives within three business days.",
                "Our office has a red door."));

        assertThat(v).hasSize(3).allSatisfy(vector -> assertThat(vector).hasSize(embedder.dimension()));
        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.1f);
        assertThat(dot(v.get(0), v.get(0))).isCloseTo(1.0f, org.assertj.core.data.Offset.offset(0.001f));
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
