package io.parley.flows.parse;

import io.parley.flows.parse.ConditionLexer.Token;
import io.parley.flows.parse.ConditionLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of the condition language:
 *
 * <pre>
 * condition  := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "exists" operand | comparison
 * comparison := operand [("==" | "!=" | "<" | "<=" | ">" | ">=") operand | ["not"] "in" operand]
 * operand    := number | text | true | false | null | "[" operands "]" | "(" or ")"
 *             | "lower" "(" or ")" | "size" "(" or ")" | path
 * path       := ("answers" | "vars" | "lead" | "contact") ("." name | "." index)* [".size"]
 * </pre>
 *
 * Bounds: nesting depth at most {@link #MAX_DEPTH}, lists at most 100 items.
 */
final class ConditionParser {

    static final int MAX_DEPTH = 20;
    static final Set<String> ROOTS = Set.of("answers", "vars", "lead", "contact");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

    /** A parse problem at a position. */
    static final class SyntaxError extends Exception {
        final int position;

        SyntaxError(int position, String message) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    private final List<Token> tokens;
    private int next;
    private int depth;

    private ConditionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static ConditionNode parse(List<Token> tokens) throws SyntaxError {
        ConditionParser parser = new ConditionParser(tokens);
        ConditionNode node = parser.or();
        Token end = parser.peek();
        if (end.type() != Type.END) {
            throw new SyntaxError(end.position(), "unexpected '" + end.text() + "'");
        }
        return node;
    }

    private ConditionNode or() throws SyntaxError {
        enter();
        ConditionNode node = and();
        while (peek().is("or")) {
            next++;
            node = new ConditionNode.Or(node, and());
        }
        depth--;
        return node;
    }

    private ConditionNode and() throws SyntaxError {
        ConditionNode node = unary();
        while (peek().is("and")) {
            next++;
            node = new ConditionNode.And(node, unary());
        }
        return node;
    }

    private ConditionNode unary() throws SyntaxError {
        enter();
        ConditionNode node;
        if (peek().is("not")) {
            next++;
            node = new ConditionNode.Not(unary());
        } else if (peek().is("exists")) {
            next++;
            node = new ConditionNode.Exists(operand());
        } else {
            node = comparison();
        }
        depth--;
        return node;
    }

    private ConditionNode comparison() throws SyntaxError {
        ConditionNode left = operand();
        Token token = peek();
        if (token.type() == Type.OP && COMPARISONS.contains(token.text())) {
            next++;
            ConditionNode right = operand();
            boolean nullLiteral = right instanceof ConditionNode.Literal literal && literal.value() == null
                    || left instanceof ConditionNode.Literal literal2 && literal2.value() == null;
            if (nullLiteral && !(token.is("!=") && right instanceof ConditionNode.Literal)) {
                throw new SyntaxError(
                        token.position(),
                        "comparing with null is always false; write 'exists x' or"
                                + " 'not exists x' (or 'x != null')");
            }
            return new ConditionNode.Compare(token.text(), left, right);
        }
        if (token.is("in")) {
            next++;
            return new ConditionNode.In(left, operand());
        }
        if (token.is("not") && peekAt(1).is("in")) {
            next += 2;
            return new ConditionNode.Not(new ConditionNode.In(left, operand()));
        }
        return left;
    }

    private ConditionNode operand() throws SyntaxError {
        Token token = take();
        switch (token.type()) {
            case NUMBER:
            case STRING:
                return new ConditionNode.Literal(token.value());
            case PUNCT:
                if (token.is("(")) {
                    ConditionNode inner = or();
                    expect(")");
                    return inner;
                }
                if (token.is("[")) {
                    return list();
                }
                break;
            case NAME:
                return named(token);
            default:
                break;
        }
        throw new SyntaxError(
                token.position(),
                token.type() == Type.END
                        ? "condition ends too early"
                        : "expected a value or a path, found '" + token.text() + "'");
    }

    private ConditionNode named(Token token) throws SyntaxError {
        switch (token.text()) {
            case "true":
                return new ConditionNode.Literal(Boolean.TRUE);
            case "false":
                return new ConditionNode.Literal(Boolean.FALSE);
            case "null":
                return new ConditionNode.Literal(null);
            case "lower":
            case "size":
                if (peek().is("(")) {
                    next++;
                    enter();
                    ConditionNode inner = or();
                    depth--;
                    expect(")");
                    return token.text().equals("lower")
                            ? new ConditionNode.Lower(inner)
                            : new ConditionNode.Size(inner);
                }
                break;
            default:
                if (ROOTS.contains(token.text())) {
                    return path(token);
                }
        }
        throw new SyntaxError(
                token.position(),
                "unknown name '" + token.text() + "'; paths start with answers, vars, lead or contact");
    }

    private ConditionNode path(Token root) throws SyntaxError {
        List<String> segments = new ArrayList<>(List.of(root.text()));
        while (peek().is(".")) {
            next++;
            Token segment = take();
            if (segment.type() == Type.NAME) {
                if (segment.text().equals("size") && !peek().is(".")) {
                    return new ConditionNode.Size(new ConditionNode.Path(List.copyOf(segments)));
                }
                segments.add(segment.text());
            } else if (segment.type() == Type.NUMBER && segment.text().matches("\\d{1,6}(\\.\\d{1,6})*")) {
                segments.addAll(List.of(segment.text().split("\\.")));
            } else {
                throw new SyntaxError(segment.position(), "expected a name after '.'");
            }
            if (segments.size() > 16) {
                throw new SyntaxError(segment.position(), "path too long");
            }
        }
        return new ConditionNode.Path(List.copyOf(segments));
    }

    private ConditionNode list() throws SyntaxError {
        enter();
        List<ConditionNode> items = new ArrayList<>();
        if (peek().is("]")) {
            next++;
            depth--;
            return new ConditionNode.ListOf(List.of());
        }
        do {
            if (items.size() == 100) {
                throw new SyntaxError(peek().position(), "lists hold at most 100 items");
            }
            items.add(operand());
        } while (peek().is(",") && take() != null);
        expect("]");
        depth--;
        return new ConditionNode.ListOf(List.copyOf(items));
    }

    private void enter() throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError(peek().position(), "nested deeper than " + MAX_DEPTH);
        }
    }

    private void expect(String punct) throws SyntaxError {
        Token token = take();
        if (!token.is(punct)) {
            throw new SyntaxError(token.position(), "expected '" + punct + "'");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.type() != Type.END) {
            next++;
        }
        return token;
    }
}
