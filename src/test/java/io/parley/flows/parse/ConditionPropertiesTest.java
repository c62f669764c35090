package io.parley.flows.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties of the condition language over random contexts and random source texts. */
class ConditionPropertiesTest {

    private static final List<String> FLAGS = List.of("answers.a", "answers.b", "vars.c.ok", "lead.d", "contact.e");

    @Property
    void double_negation_changes_nothing(@ForAll("flag") String x, @ForAll("contexts") Map<String, Object> context) {
        assertThat(Condition.compile("not not " + x).evaluate(context))
                .isEqualTo(Condition.compile(x).evaluate(context));
    }

    @Property
    void and_and_or_are_commutative(
            @ForAll("flag") String a, @ForAll("flag") String b, @ForAll("contexts") Map<String, Object> context) {
        assertThat(Condition.compile(a + " and " + b).evaluate(context))
                .isEqualTo(Condition.compile(b + " and " + a).evaluate(context));
        assertThat(Condition.compile(a + " or " + b).evaluate(context))
                .isEqualTo(Condition.compile(b + " or " + a).evaluate(context));
        assertThat(Condition.compile("not (" + a + " and " + b + ")").evaluate(context))
                .isEqualTo(Condition.compile("not " + a + " or not " + b).evaluate(context));
    }

    @Property
    void evaluation_never_throws_on_random_contexts(
            @ForAll("conditions") String condition, @ForAll("contexts") Map<String, Object> context) {
        Condition.compile(condition).evaluate(context);
    }

    @Property(tries = 500)
    void parsing_never_throws_on_any_text(@ForAll @StringLength(max = 600) String source) {
        assertThat(Condition.parse(source)).isNotNull();
    }

    @Property(tries = 500)
    void parsing_never_throws_on_text_made_of_condition_tokens(@ForAll("tokenSoup") String source) {
        assertThat(Condition.parse(source)).isNotNull();
    }

    @Provide
    Arbitrary<String> flag() {
        return Arbitraries.of(FLAGS);
    }

    @Provide
    Arbitrary<String> conditions() {
        return Arbitraries.of(
                "vars.find_slots.size == 0",
                "not vars.hold.ok",
                "answers.deposit_expired",
                "lower(answers.style) in [\"realism\", \"traditional\"]",
                "exists answers.budget and answers.budget.amount_minor > 10000",
                "answers.a < answers.b or answers.a >= 3",
                "size(answers.b) != 2 and answers.a != null",
                "answers.a in answers.b or 'x' in vars.c",
                "vars.c.ok.0.1 == lead.d");
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(
                        "answers", "vars", ".", "a", "size", "lower", "(", ")", "[", "]", ",", "==", "!=", "<", ">",
                        "in", "not", "and", "or", "exists", "null", "true", "1", "-2.5", "'t'", "\"", " ")
                .list()
                .ofMaxSize(120)
                .map(tokens -> String.join(" ", tokens));
    }

    @Provide
    Arbitrary<Map<String, Object>> contexts() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(-5, 5).map(Object.class::cast),
                Arbitraries.bigDecimals()
                        .between(new BigDecimal(-5), new BigDecimal(5))
                        .map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(5).map(Object.class::cast));
        Arbitrary<Object> value = Arbitraries.oneOf(
                leaf,
                leaf.list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(Arbitraries.of("ok", "x", "size", "0"), leaf)
                        .ofMaxSize(3)
                        .map(Object.class::cast));
        Arbitrary<Map<String, Object>> section = Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "e"), value)
                .ofMaxSize(5)
                .map(HashMap::new);
        return Arbitraries.maps(Arbitraries.of("answers", "vars", "lead", "contact"), section.map(Object.class::cast))
                .ofMaxSize(4)
                .map(HashMap::new);
    }
}
