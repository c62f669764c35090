package io.parley.flows.parse;

import java.util.Map;
import java.util.Objects;

/**
 * A compiled condition of the flow language (spec §3): {@code == != < <= > >= in, not in, and or not exists lower()
 * size} over the context {@code answers}, {@code vars}, {@code lead}, {@code contact} (nested maps and lists). Parsed
 * once by a hand-written lexer and recursive-descent parser ({@link ConditionParser}); no scripting, no reflection.
 * At most {@link #MAX_LENGTH} characters and {@link ConditionParser#MAX_DEPTH} levels of nesting. Missing paths are
 * null; see {@link ConditionNode} for the value rules. {@link #evaluate} never throws.
 */
public final class Condition implements ConditionParse {

    public static final int MAX_LENGTH = 500;

    private final String source;
    private final ConditionNode root;

    private Condition(String source, ConditionNode root) {
        this.source = source;
        this.root = root;
    }

    /** The compiled condition, or where and why it does not parse. */
    public static ConditionParse parse(String source) {
        if (source == null || source.isBlank()) {
            return new ConditionError(source == null ? "" : source, 0, "condition is empty");
        }
        if (source.length() > MAX_LENGTH) {
            return new ConditionError(source, MAX_LENGTH, "condition longer than " + MAX_LENGTH + " characters");
        }
        try {
            return new Condition(source, ConditionParser.parse(ConditionLexer.tokens(source)));
        } catch (ConditionLexer.LexError e) {
            return new ConditionError(source, e.position, e.getMessage());
        } catch (ConditionParser.SyntaxError e) {
            return new ConditionError(source, e.position, e.getMessage());
        }
    }

    /** The compiled condition; for conditions the definition validator already accepted. */
    public static Condition compile(String source) {
        return switch (parse(source)) {
            case Condition condition -> condition;
            case ConditionError error -> throw new IllegalArgumentException(error.describe());
        };
    }

    /** Whether the condition holds in this context ({@code {answers: {...}, vars: {...}, lead, contact}}). */
    public boolean evaluate(Map<String, Object> context) {
        return Values.truthy(root.evaluate(context == null ? Map.of() : context));
    }

    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Condition condition && condition.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source);
    }

    @Override
    public String toString() {
        return source;
    }
}
