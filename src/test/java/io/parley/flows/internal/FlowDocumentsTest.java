package io.parley.flows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.flows.FlowFormat;
import io.parley.flows.FlowProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Documents that cannot become a definition end as a problem, never as an exception that escapes. */
class FlowDocumentsTest {
    private final FlowDocuments documents = new FlowDocuments();

    private FlowProblem unreadable(String text, FlowFormat format) {
        try {
            documents.toJson(documents.parse(text, format));
        } catch (FlowDocuments.Unreadable e) {
            return e.problem();
        }
        throw new AssertionError("should not be readable: " + text);
    }

    @Test
    void should_give_line_and_column_of_broken_yaml() {
        FlowProblem problem = unreadable("steps:\n  - {id: a, say: hi\n", FlowFormat.YAML);

        assertThat(problem.line()).isPositive();
        assertThat(problem.column()).isNotNull();
        assertThat(problem.message()).startsWith("not valid YAML");
    }

    @Test
    void should_give_line_and_column_of_broken_json() {
        FlowProblem problem = unreadable("{\"steps\": [\n  {\"id\": }]}", FlowFormat.JSON);

        assertThat(problem.line()).isEqualTo(2);
    }

    @Test
    void should_refuse_a_nul_escape_that_postgresql_cannot_store() {
        assertThat(unreadable("{\"steps\": \"a\\u0000b\"}", FlowFormat.JSON).message())
                .contains("NUL");
    }

    @Test
    void should_refuse_yaml_nested_beyond_the_parser_limits() {
        String deep = "steps: " + "[".repeat(2_000) + "]".repeat(2_000);

        assertThat(unreadable(deep, FlowFormat.YAML).message()).startsWith("not valid YAML");
    }

    @Test
    void should_read_anchors_without_expanding_them_into_a_bomb() {
        String aliases = """
                a: &a [x, x, x, x, x, x, x, x, x, x]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                """;
        try {
            JsonNode tree = documents.parse(aliases, FlowFormat.YAML);
            assertThat(documents.toJson(tree).length()).isLessThan(10_000);
        } catch (FlowDocuments.Unreadable e) {
            assertThat(e.problem().message()).startsWith("not valid YAML");
        }
    }

    @Test
    void should_refuse_an_empty_document() {
        assertThatThrownBy(() -> documents.parse("  \n", FlowFormat.YAML)).isInstanceOf(FlowDocuments.Unreadable.class);
        assertThatThrownBy(() -> documents.parse("# only a comment\n", FlowFormat.YAML))
                .isInstanceOf(FlowDocuments.Unreadable.class);
    }
}
