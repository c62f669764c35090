package io.parley.flows.definition;

import io.parley.flows.parse.Condition;
import io.parley.flows.parse.ConditionError;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The save check of a step's {@code if}: the condition must be what the evaluator a turn runs can read
 * ({@link Condition}: paths under answers, vars, lead or contact, literals and lists, {@code == != < > <= >= in and
 * or not exists lower() size()}, bounded length and nesting), so a saved flow never fails on a condition at its turn.
 */
public final class ConditionSyntax {
    /** A root used whole ({@code answers} rather than {@code answers.budget}), outside quoted literals. */
    private static final Pattern WHOLE_ROOT = Pattern.compile("\\b(answers|vars|lead|contact)\\b(?!\\s*\\.)");

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    private ConditionSyntax() {}

    /** Empty when {@code condition} is well formed, else what is wrong with it, in the evaluator's words. */
    public static Optional<String> check(String condition) {
        if (condition == null || condition.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (Condition.parse(condition) instanceof ConditionError error) {
            return Optional.of(error.describe());
        }
        Matcher root = WHOLE_ROOT.matcher(QUOTED.matcher(condition).replaceAll("''"));
        return root.find()
                ? Optional.of(
                        "'" + root.group(1) + "' is a whole root: name a path under it, e.g. " + root.group(1) + ".x")
                : Optional.empty();
    }
}
