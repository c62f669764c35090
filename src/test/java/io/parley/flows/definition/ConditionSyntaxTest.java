package io.parley.flows.definition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionSyntaxTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vars.find_slots.size == 0",
                "not vars.hold.ok",
                "answers.deposit_expired",
                "lower(answers.style) in ['realism', 'fine_line']",
                "exists answers.budget and (answers.budget.amount >= 100 or lead.status != 'lost')",
                "size(answers.references) > 0",
                "contact.country == \"ES\" and not exists vars.x"
            })
    void should_accept_a_well_formed_condition(String condition) {
        assertThat(ConditionSyntax.check(condition)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(answers.a == 1",
                "answers.a == 1)",
                "answers.a = 1",
                "answers.a ==",
                "answers.a && answers.b",
                "foo.bar == 1",
                "answers",
                "'unclosed",
                "answers.a == 1 answers.b",
                "exit()",
                ""
            })
    void should_refuse_a_malformed_condition(String condition) {
        assertThat(ConditionSyntax.check(condition)).isPresent();
    }
}
