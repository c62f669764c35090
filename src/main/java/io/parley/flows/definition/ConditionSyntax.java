package io.parley.flows.definition;

import io.parley.flows.parse.Condition;
import io.parley.flows.parse.ConditionError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The syntax of a {@code next} condition (spec §3), checked on save; evaluating it is the engine's. Accepted:
 * paths under {@code answers}, {@code vars}, {@code lead}, {@code contact}, {@code payment} (a trailing
 * {@code .size} included), numbers, quoted texts, {@code true}/{@code false}/{@code null}, lists {@code [a, b]},
 * {@code == != < > <= >= in}, {@code and or not exists}, {@code lower(x)}, {@code size(x)} and parentheses. No other
 * names, no scripts. At most 500 characters and 32 levels of nesting.
 */
public final class ConditionSyntax {
    static final Set<String> ROOTS = Set.of("answers", "vars", "lead", "contact", "payment");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=", "in");
    private static final Set<String> FUNCTIONS = Set.of("lower", "size");
    private static final Set<String> LITERALS = Set.of("true", "false", "null");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "exists", "in");
    private static final int MAX_LENGTH = 500;
    private static final int MAX_DEPTH = 32;

    private final List<String> tokens;
    private int position;
    private int depth;

    private ConditionSyntax(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Empty when {@code condition} is well formed, else what is wrong with it. */
    public static Optional<String> check(String condition) {
        if (condition == null || condition.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (condition.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        // what the evaluator itself cannot read is refused first, in its words: a saved condition always runs
        if (Condition.parse(condition) instanceof ConditionError error) {
            return Optional.of(error.describe());
        }
        try {
            ConditionSyntax parser = new ConditionSyntax(tokenize(condition));
            parser.expression();
            if (parser.position < parser.tokens.size()) {
                throw new Bad("unexpected '" + parser.tokens.get(parser.position) + "'");
            }
            return Optional.empty();
        } catch (Bad e) {
            return Optional.of(e.getMessage());
        }
    }

    private void expression() {
        if (++depth > MAX_DEPTH) {
            throw new Bad("is nested too deeply");
        }
        conjunction();
        while (accept("or")) {
            conjunction();
        }
        depth--;
    }

    private void conjunction() {
        unary();
        while (accept("and")) {
            unary();
        }
    }

    private void unary() {
        if (accept("not")) {
            if (++depth > MAX_DEPTH) {
                throw new Bad("is nested too deeply");
            }
            unary();
            depth--;
        } else if (accept("exists")) {
            operand();
        } else {
            operand();
            if (position < tokens.size() && COMPARISONS.contains(tokens.get(position))) {
                position++;
                operand();
            }
        }
    }

    private void operand() {
        String token = next("a value");
        if (token.equals("(")) {
            expression();
            expect(")");
        } else if (token.equals("[")) {
            if (!accept("]")) {
                do {
                    operand();
                } while (accept(","));
                expect("]");
            }
        } else if (FUNCTIONS.contains(token)) {
            expect("(");
            expression();
            expect(")");
        } else if (token.startsWith("'")
                || token.startsWith("\"")
                || Character.isDigit(token.charAt(0))
                || token.startsWith("-")
                || LITERALS.contains(token)) {
            return;
        } else if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
            path(token);
        } else {
            throw new Bad("expected a value but found '" + token + "'");
        }
    }

    private static void path(String token) {
        if (KEYWORDS.contains(token)) {
            throw new Bad("expected a value but found '" + token + "'");
        }
        String[] parts = token.split("\\.", -1);
        if (!ROOTS.contains(parts[0])) {
            throw new Bad("'" + token + "' is not a path under "
                    + ROOTS.stream().sorted().toList());
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new Bad("'" + token + "' has an empty segment");
            }
        }
        if (parts.length < 2) {
            throw new Bad("'" + token + "' names no field (e.g. " + parts[0] + ".x)");
        }
    }

    private boolean accept(String token) {
        if (position < tokens.size() && tokens.get(position).equals(token)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new Bad(
                    position < tokens.size()
                            ? "expected '" + token + "' but found '" + tokens.get(position) + "'"
                            : "expected '" + token + "' at the end (unbalanced brackets?)");
        }
    }

    private String next(String what) {
        if (position >= tokens.size()) {
            throw new Bad("expected " + what + " at the end");
        }
        return tokens.get(position++);
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new Bad("has a text without its closing " + c);
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else if ("()[],".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                boolean two = i + 1 < text.length() && text.charAt(i + 1) == '=';
                String op = text.substring(i, i + (two ? 2 : 1));
                if (op.equals("=") || op.equals("!")) {
                    throw new Bad("'" + op + "' is not an operator (use == or !=, and 'not')");
                }
                tokens.add(op);
                i += op.length();
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                int start = i;
                i++;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i)) || "_.".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else {
                throw new Bad("'" + c + "' is not allowed in a condition");
            }
        }
        return tokens;
    }

    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
