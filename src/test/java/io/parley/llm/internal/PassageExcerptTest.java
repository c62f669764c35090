package io.parley.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassageExcerptTest {
    private static final String STOVE = "Never use the stove inside a tent or any enclosed space: it produces carbon "
            + "monoxide, which is odourless and can be fatal. Cook in the open. Keep the valve closed when you pack.";
    private static final String PRICE_TABLE = """
            ## Tents 2026

            | SKU | Tent | Price |
            |-----|:-----|------:|
            | A7-33X | Alpine Storm 4-season tent | 749.00 EUR |
            | A7-33Y | Alpine Storm footprint | 59.00 EUR |
            """;

    @Test
    void should_answer_with_the_sentence_sharing_most_words_when_the_passage_has_several() {
        assertThat(PassageExcerpt.best(STOVE, "Should the valve be closed when I pack?"))
                .isEqualTo("Keep the valve closed when you pack.");
        assertThat(PassageExcerpt.best(STOVE, "Can I use the stove inside my tent?"))
                .isEqualTo("Never use the stove inside a tent or any enclosed space: it produces carbon monoxide, "
                        + "which is odourless and can be fatal.");
    }

    @Test
    void should_answer_with_the_first_sentence_when_no_sentence_shares_a_word() {
        assertThat(PassageExcerpt.best(STOVE, "is it dangerous?"))
                .startsWith("Never use the stove")
                .endsWith("can be fatal.");
    }

    @Test
    void should_answer_with_the_matching_row_named_by_its_header_when_the_passage_is_a_markdown_table() {
        assertThat(PassageExcerpt.best(PRICE_TABLE, "How much is the A7-33X?"))
                .isEqualTo("SKU: A7-33X; Tent: Alpine Storm 4-season tent; Price: 749.00 EUR");
        assertThat(PassageExcerpt.best(PRICE_TABLE, "price of the footprint"))
                .isEqualTo("SKU: A7-33Y; Tent: Alpine Storm footprint; Price: 59.00 EUR");
    }

    @Test
    void should_never_answer_with_the_header_or_separator_row_when_only_they_share_words() {
        assertThat(PassageExcerpt.best(PRICE_TABLE, "which sku?"))
                .doesNotContain("|")
                .doesNotContain("---")
                .isEqualTo("SKU: A7-33X; Tent: Alpine Storm 4-season tent; Price: 749.00 EUR");
    }

    @Test
    void should_join_the_cells_with_commas_when_a_table_has_no_header_row() {
        String extracted = "Model | Weight | Season\nAlpine Storm | 4.2 kg | winter\nBreeze | 1.9 kg | summer";

        assertThat(PassageExcerpt.best(extracted, "how heavy is the breeze")).isEqualTo("Breeze, 1.9 kg, summer");
    }

    @Test
    void should_drop_list_markers_and_headings_when_picking_a_sentence() {
        String list = "# Returns\n\n- Unused items within 30 days.\n- Refunds take 5 days to arrive.";

        assertThat(PassageExcerpt.best(list, "how long do refunds take")).isEqualTo("Refunds take 5 days to arrive.");
    }

    @Test
    void should_keep_decimal_numbers_and_lower_case_continuations_inside_one_sentence() {
        String text = "The 4.2 kg tent sleeps two, e.g. on a summit. Stakes are sold apart.";

        assertThat(PassageExcerpt.best(text, "how heavy is the tent"))
                .isEqualTo("The 4.2 kg tent sleeps two, e.g. on a summit.");
    }
}
