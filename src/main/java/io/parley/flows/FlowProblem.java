package io.parley.flows;

/**
 * One reason a flow definition was refused: the step it is in (null for the flow's own fields), the field inside
 * it (a path such as {@code ask.buttons[3]} or {@code next[0].if}) and what is wrong. {@code line} and
 * {@code column} are set only when the document could not be read at all.
 */
public record FlowProblem(String step, String field, String message, Integer line, Integer column) {
    public static FlowProblem at(String step, String field, String message) {
        return new FlowProblem(step, field, message, null, null);
    }
}
