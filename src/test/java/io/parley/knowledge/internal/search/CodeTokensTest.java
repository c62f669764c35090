package io.parley.knowledge.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeTokensTest {

    @Test
    void should_keep_codes_whole_and_lower_cased_when_they_have_digits_or_inner_separators() {
        assertThat(CodeTokens.of("Order PRL-1042 and A7-33X, error E-305; firmware v2.1 (SKU TL2-GRN)."))
                .containsExactly("prl-1042", "a7-33x", "e-305", "v2.1", "tl2-grn");
    }

    @Test
    void should_ignore_plain_words() {
        assertThat(CodeTokens.of("How much is the tent?")).isEmpty();
    }

    @Test
    void should_keep_codes_in_any_script_and_numbers() {
        assertThat(CodeTokens.of("Código ÑU-12 cuesta 749")).containsExactly("ñu-12", "749");
    }
}
