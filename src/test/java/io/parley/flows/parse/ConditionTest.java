package io.parley.flows.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    private static Map<String, Object> context(Map<String, Object> answers, Map<String, Object> vars) {
        Map<String, Object> context = new HashMap<>();
        context.put("answers", answers);
        context.put("vars", vars);
        context.put("lead", Map.of("status", "qualified"));
        context.put("contact", Map.of("first_name", "Ana"));
        return context;
    }

    private static boolean holds(String condition, Map<String, Object> context) {
        return Condition.compile(condition).evaluate(context);
    }

    @Test
    void should_evaluate_the_tattoo_flow_conditions_as_intended() {
        Map<String, Object> noSlots = context(Map.of(), Map.of("find_slots", List.of()));
        Map<String, Object> twoSlots =
                context(Map.of(), Map.of("find_slots", List.of(Map.of("id", "s1"), Map.of("id", "s2"))));
        assertThat(holds("vars.find_slots.size == 0", noSlots)).isTrue();
        assertThat(holds("vars.find_slots.size == 0", twoSlots)).isFalse();

        assertThat(holds("not vars.hold.ok", context(Map.of(), Map.of("hold", Map.of("ok", true)))))
                .isFalse();
        assertThat(holds("not vars.hold.ok", context(Map.of(), Map.of("hold", Map.of("ok", false)))))
                .isTrue();
        assertThat(holds("not vars.hold.ok", context(Map.of(), Map.of()))).isTrue();

        assertThat(holds("answers.deposit_expired", context(Map.of("deposit_expired", true), Map.of())))
                .isTrue();
        assertThat(holds("answers.deposit_expired", context(Map.of("deposit_expired", false), Map.of())))
                .isFalse();
        assertThat(holds("answers.deposit_expired", context(Map.of(), Map.of())))
                .isFalse();
    }

    @Test
    void should_compare_lowered_texts_in_lists_and_guard_with_exists() {
        String style = "lower(answers.style) in [\"realism\", \"traditional\"]";
        assertThat(holds(style, context(Map.of("style", "Realism"), Map.of()))).isTrue();
        assertThat(holds(style, context(Map.of("style", "fine_line"), Map.of())))
                .isFalse();
        assertThat(holds("answers.style in ['realism']", context(Map.of("style", "Realism"), Map.of())))
                .isFalse();

        String budget = "exists answers.budget and answers.budget.amount_minor > 10000";
        assertThat(holds(budget, context(Map.of("budget", Map.of("amount_minor", new BigDecimal(30000))), Map.of())))
                .isTrue();
        assertThat(holds(budget, context(Map.of("budget", Map.of("amount_minor", 5000L)), Map.of())))
                .isFalse();
        assertThat(holds(budget, context(Map.of(), Map.of()))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            commentCharacter = '~',
            value = {
                "answers.n == 10.0|true",
                "answers.n != 10|false",
                "answers.n >= 10 and answers.n <= 10|true",
                "answers.missing == 1|false",
                "answers.missing != 1|false",
                "answers.missing < 1|false",
                "answers.missing != null|false",
                "answers.n != null|true",
                "not exists answers.missing|true",
                "answers.date < '2026-04-01'|true",
                "answers.name == 'Ana'|true",
                "answers.name == 'ana'|false",
                "lower(answers.name) == 'ana'|true",
                "answers.name.size == 3|true",
                "size(answers.tags) == 2|true",
                "'vip' in answers.tags|true",
                "'gold' not in answers.tags|true",
                "answers.n == '10'|false",
                "lead.status == 'qualified' or contact.first_name == 'Bob'|true",
                "not (answers.n > 5 and answers.n < 20)|false",
                "answers.tags.0 == 'vip'|true",
                "answers.n > -1|true",
                "true and not false|true"
            })
    void should_follow_the_value_rules(String condition, boolean expected) {
        Map<String, Object> answers =
                Map.of("n", 10, "date", "2026-03-10", "name", "Ana", "tags", List.of("vip", "new"));
        assertThat(holds(condition, context(answers, Map.of()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            commentCharacter = '~',
            value = {
                "vars.x ==|condition ends too early|9",
                "vars.x = 1|'=' is not an operator; use == or != (or not)|7",
                "foo.bar == 1|unknown name 'foo'; paths start with answers, vars, lead or contact|0",
                "answers.x == null|comparing with null is always false; write 'exists x' or 'not exists x' (or 'x != null')|10",
                "answers.x == 'open|text not closed|13",
                "(answers.x|expected ')'|10",
                "answers.x == 1 answers.y|unexpected 'answers'|15",
                "answers.x # 1|unexpected character '#'|10"
            })
    void should_report_where_and_why_a_condition_does_not_parse(String source, String message, int position) {
        assertThat(Condition.parse(source)).isEqualTo(new ConditionError(source, position, message));
    }

    @Test
    void should_bound_length_and_depth() {
        assertThat(Condition.parse("answers.x == 1 or " + "answers.x == 1 or ".repeat(30) + "true"))
                .isInstanceOf(ConditionError.class)
                .extracting(e -> ((ConditionError) e).message())
                .isEqualTo("condition longer than 500 characters");
        assertThat(Condition.parse("not ".repeat(21) + "answers.x"))
                .isInstanceOf(ConditionError.class)
                .extracting(e -> ((ConditionError) e).message())
                .isEqualTo("nested deeper than 20");
        assertThat(Condition.parse("not ".repeat(18) + "answers.x")).isInstanceOf(Condition.class);
        assertThat(Condition.parse("  ")).isInstanceOf(ConditionError.class);
    }
}
