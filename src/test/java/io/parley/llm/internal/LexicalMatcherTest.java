package io.parley.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ReferenceAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalMatcherTest {
    private static final ReferenceAnswer HOURS =
            new ReferenceAnswer("What are your opening hours?", "We are open Monday to Friday, 9:00 to 18:00.");
    private static final ReferenceAnswer SHIPPING =
            new ReferenceAnswer("How much does shipping cost?", "Shipping is free over 50 euros.");
    private static final ReferenceAnswer CARDS =
            new ReferenceAnswer("Do you accept credit cards?", "Yes, Visa and Mastercard.");
    private static final ReferenceAnswer HORARIO =
            new ReferenceAnswer("¿Cuál es el horario?", "Atendemos de lunes a viernes de 9 a 18 h.");
    private static final List<ReferenceAnswer> FAQ = List.of(HOURS, SHIPPING, CARDS, HORARIO);

    private final LexicalMatcher matcher = new LexicalMatcher();

    @Test
    void should_answer_a_greeting_with_the_greeting_entry_and_nothing_else_with_it() {
        ReferenceAnswer hello = new ReferenceAnswer("Hello", "Hi! Ask me about opening hours or shipping.");
        List<ReferenceAnswer> withGreeting = List.of(HOURS, hello, SHIPPING);

        assertThat(matcher.bestMatch("Hello", withGreeting)).contains(hello);
        assertThat(matcher.bestMatch("hi!", withGreeting)).contains(hello);
        assertThat(matcher.bestMatch("Hey there, good morning", withGreeting)).contains(hello);
        assertThat(matcher.bestMatch("Hola, buenas tardes", withGreeting)).contains(hello);
        assertThat(matcher.bestMatch("Hello, what are your opening hours?", withGreeting))
                .contains(HOURS);
        assertThat(matcher.bestMatch("Hello", FAQ))
                .as("no greeting entry: nothing to answer with")
                .isEmpty();
        assertThat(matcher.bestMatch("thanks", withGreeting)).isEmpty();
        assertThat(matcher.bestMatch("good", withGreeting))
                .as("not a greeting on its own")
                .isEmpty();
    }

    @Test
    void should_match_faq_question_when_user_phrases_it_differently() {
        assertThat(matcher.bestMatch("when are you open? hours please", FAQ)).contains(HOURS);
    }

    @Test
    void should_match_other_faq_entry_when_question_is_about_it() {
        assertThat(matcher.bestMatch("shipping costs to Spain?", FAQ)).contains(SHIPPING);
    }

    @Test
    void should_match_spanish_question_when_accents_and_wording_differ() {
        assertThat(matcher.bestMatch("horario de atención", FAQ)).contains(HORARIO);
    }

    @Test
    void should_ignore_accents_and_plurals_when_faq_has_them_and_query_does_not() {
        ReferenceAnswer returns = new ReferenceAnswer("Política de devoluciones", "Tienes 30 días.");

        assertThat(matcher.bestMatch("politica devolucion", List.of(HOURS, returns)))
                .contains(returns);
    }

    @Test
    void should_match_words_sharing_a_stem_when_their_forms_differ() {
        ReferenceAnswer cancellation = new ReferenceAnswer("Cancellation policy", "Free within 24 h.");
        ReferenceAnswer returns = new ReferenceAnswer("Devoluciones", "Tienes 30 días.");

        assertThat(matcher.bestMatch("how do I cancel my order?", List.of(cancellation, returns)))
                .contains(cancellation);
        assertThat(matcher.bestMatch("¿y la devolución?", List.of(cancellation, returns)))
                .contains(returns);
    }

    @Test
    void should_match_when_exactly_half_of_the_question_words_are_present() {
        ReferenceAnswer attention = new ReferenceAnswer("Horario de atención", "De 9 a 18 h.");

        assertThat(matcher.bestMatch("¿Cuál es el horario?", List.of(attention)))
                .contains(attention);
    }

    @Test
    void should_not_match_when_less_than_half_of_the_question_words_are_present() {
        ReferenceAnswer international =
                new ReferenceAnswer("How much does international shipping cost?", "It depends on the country.");

        assertThat(matcher.bestMatch("shipping", List.of(international))).isEmpty();
    }

    @Test
    void should_not_match_when_question_is_unrelated() {
        assertThat(matcher.bestMatch("tell me a joke about cats", FAQ)).isEmpty();
    }

    @Test
    void should_not_match_when_only_answer_words_overlap() {
        assertThat(matcher.bestMatch("visa mastercard", FAQ)).isEmpty();
    }

    @Test
    void should_not_match_when_query_has_only_stop_words() {
        assertThat(matcher.bestMatch("what is it? ¿qué es?", FAQ)).isEmpty();
    }

    @Test
    void should_not_match_when_faq_is_empty() {
        assertThat(matcher.bestMatch("when are you open?", List.of())).isEmpty();
    }

    @Test
    void should_pick_the_earlier_entry_when_scores_tie() {
        ReferenceAnswer times = new ReferenceAnswer("Shipping times", "Two days.");
        ReferenceAnswer costs = new ReferenceAnswer("Shipping costs", "Five euros.");

        assertThat(matcher.bestMatch("shipping", List.of(times, costs))).contains(times);
        assertThat(matcher.bestMatch("shipping", List.of(costs, times))).contains(costs);
    }

    @Test
    void should_prefer_the_entry_whose_answer_shares_words_when_questions_score_the_same() {
        ReferenceAnswer spain = new ReferenceAnswer("Delivery?", "Delivery to Spain takes 2 days.");
        ReferenceAnswer mexico = new ReferenceAnswer("Delivery?", "Delivery to Mexico takes 10 days.");

        assertThat(matcher.bestMatch("delivery to mexico", List.of(spain, mexico)))
                .contains(mexico);
    }

    @Test
    void should_reduce_text_to_accent_free_content_words_when_tokenizing() {
        assertThat(Tokenizer.tokens("¿Cuál es el HORARIO de Atención?")).containsExactly("horario", "atencion");
    }

    @Test
    void should_strip_plural_s_when_tokenizing() {
        assertThat(Tokenizer.tokens("opening hours horarios address"))
                .containsExactly("opening", "hour", "horario", "address");
    }

    @Test
    void should_drop_one_letter_tokens_when_tokenizing() {
        assertThat(Tokenizer.tokens("x 9 ok 24")).containsExactly("ok", "24");
    }
}
