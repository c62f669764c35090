package io.parley.flows.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition into tokens: names (letters, digits, {@code _}), numbers, quoted texts ({@code "..."} or
 * {@code '...'}, backslash escapes {@code \" \' \\}), operators {@code == != < <= > >=}, and {@code . ( ) [ ] ,}.
 * Keywords ({@code and or not in exists true false null lower size}) are names the parser recognises.
 */
final class ConditionLexer {

    enum Type {
        NAME,
        NUMBER,
        STRING,
        OP,
        PUNCT,
        END
    }

    record Token(Type type, String text, Object value, int position) {
        boolean is(String word) {
            return (type == Type.NAME || type == Type.OP || type == Type.PUNCT) && text.equals(word);
        }
    }

    /** A lexing problem at a position (0-based). */
    static final class LexError extends Exception {
        final int position;

        LexError(int position, String message) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    private ConditionLexer() {}

    static List<Token> tokens(String source) throws LexError {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < source.length()
                        && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Type.NAME, source.substring(start, i), null, start));
            } else if (isDigit(c)
                    || (c == '-' && i + 1 < source.length() && isDigit(source.charAt(i + 1)) && !afterValue(tokens))) {
                int start = i;
                i++;
                while (i < source.length()
                        && (isDigit(source.charAt(i))
                                || (source.charAt(i) == '.'
                                        && i + 1 < source.length()
                                        && isDigit(source.charAt(i + 1))))) {
                    i++;
                }
                String text = source.substring(start, i);
                if (text.length() > 40) {
                    throw new LexError(start, "number too long");
                }
                tokens.add(new Token(Type.NUMBER, text, new BigDecimal(text), start));
            } else if (c == '"' || c == '\'') {
                i = string(source, i, tokens);
            } else if ("=!<>".indexOf(c) >= 0) {
                boolean twoChars = i + 1 < source.length() && source.charAt(i + 1) == '=';
                String op = twoChars ? source.substring(i, i + 2) : String.valueOf(c);
                if (op.equals("=") || op.equals("!")) {
                    throw new LexError(i, "'" + op + "' is not an operator; use == or != (or not)");
                }
                tokens.add(new Token(Type.OP, op, null, i));
                i += op.length();
            } else if (".()[],".indexOf(c) >= 0) {
                tokens.add(new Token(Type.PUNCT, String.valueOf(c), null, i));
                i++;
            } else {
                throw new LexError(i, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Type.END, "", null, source.length()));
        return tokens;
    }

    private static int string(String source, int start, List<Token> tokens) throws LexError {
        char quote = source.charAt(start);
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == quote) {
                tokens.add(new Token(Type.STRING, source.substring(start, i + 1), text.toString(), start));
                return i + 1;
            }
            if (c == '\\' && i + 1 < source.length()) {
                i++;
                c = source.charAt(i);
            }
            text.append(c);
            i++;
        }
        throw new LexError(start, "text not closed");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A minus right after a value would be subtraction, which the language does not have. */
    private static boolean afterValue(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.getLast();
        return last.type() == Type.NUMBER
                || last.type() == Type.STRING
                || last.is(")")
                || last.is("]")
                || (last.type() == Type.NAME
                        && !List.of("and", "or", "not", "in").contains(last.text()));
    }
}
