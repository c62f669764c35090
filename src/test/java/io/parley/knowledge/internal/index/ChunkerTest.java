package io.parley.knowledge.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.knowledge.internal.extract.Section;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void should_pack_sections_with_the_same_location_and_never_mix_locations() {
        Chunker chunker = new Chunker(100, 10);

        List<Chunk> chunks = chunker.chunk(List.of(
                new Section("alpha", Map.of("page", 1)),
                new Section("beta", Map.of("page", 1)),
                new Section("gamma", Map.of("page", 2))));

        assertThat(chunks)
                .containsExactly(new Chunk("alpha\n\nbeta", Map.of("page", 1)), new Chunk("gamma", Map.of("page", 2)));
    }

    @Test
    void should_break_long_text_at_paragraphs_with_overlap_and_always_progress() {
        Chunker chunker = new Chunker(60, 20);
        String text = "First paragraph is here and it is long.\n\nSecond paragraph follows right after it.\n\n"
                + "x".repeat(150);

        List<String> pieces = chunker.split(text);

        assertThat(pieces.getFirst()).isEqualTo("First paragraph is here and it is long.");
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(60));
        assertThat(String.join("", pieces)).contains("x".repeat(60));
        assertThat(pieces.size()).isLessThan(20);
    }

    @Test
    void should_refuse_an_overlap_that_could_stall() {
        assertThatThrownBy(() -> new Chunker(100, 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
