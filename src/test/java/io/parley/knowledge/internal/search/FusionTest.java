package io.parley.knowledge.internal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {

    @Test
    void should_score_one_when_a_document_is_first_in_both_rankings() {
        List<Fusion.Fused> fused = Fusion.fuse(List.of(7, 3), List.of(7, 9), 2);

        assertThat(fused.getFirst().doc()).isEqualTo(7);
        assertThat(fused.getFirst().score()).isEqualTo(1.0);
        assertThat(fused.getFirst().keywordRank()).isEqualTo(1);
        assertThat(fused.getFirst().vectorRank()).isEqualTo(1);
    }

    @Test
    void should_rank_a_document_found_by_both_above_one_found_first_by_only_one() {
        List<Fusion.Fused> fused = Fusion.fuse(List.of(1, 2), List.of(3, 2), 2);

        assertThat(fused).extracting(Fusion.Fused::doc).containsExactly(2, 1, 3);
        assertThat(fused.get(1).score()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void should_break_a_tie_in_favour_of_the_keyword_hit() {
        List<Fusion.Fused> fused = Fusion.fuse(List.of(1), List.of(2), 2);

        assertThat(fused).extracting(Fusion.Fused::doc).containsExactly(1, 2);
    }

    @Test
    void should_scale_to_one_when_only_the_keyword_ranking_exists() {
        assertThat(Fusion.fuse(List.of(4), List.of(), 1).getFirst().score()).isEqualTo(1.0);
    }

    @Test
    void should_return_nothing_when_neither_ranking_found_anything() {
        assertThat(Fusion.fuse(List.of(), List.of(), 2)).isEmpty();
    }
}
