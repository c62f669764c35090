package io.parley.tools.internal;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.regex.Pattern;

/**
 * JSON Schema {@code pattern}s (and {@code patternProperties}) matched by the JDK engine with a budget. A tool's
 * schema comes from a tenant's server and its arguments from the model, so a pattern like {@code ^(a+)+$} on a
 * long value would backtrack for minutes on a request thread. The text the matcher reads counts its reads; when
 * the count passes the budget (or the engine's recursion overflows the stack) matching stops with
 * {@link PatternBudgetExceeded}, which {@link ArgumentValidator} reports as an invalid argument.
 */
final class BudgetedPatterns implements RegularExpressionFactory {
    /** Reads any text may take; generous for a linear pattern, tiny next to exponential backtracking. */
    static final long MIN_STEPS = 1_000_000;
    /** Reads per character of the text, for long values checked by sane patterns. */
    static final long STEPS_PER_CHAR = 200;

    @Override
    public RegularExpression getRegularExpression(String regex) {
        // The same ECMA-262 → java.util.regex translation the library's own JDK factory applies.
        Pattern pattern = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(
                RegularExpressions.replaceDollarAnchors(regex)));
        return text -> {
            long budget = Math.max(MIN_STEPS, STEPS_PER_CHAR * text.length());
            try {
                return pattern.matcher(new CountedText(text, budget, regex)).find();
            } catch (StackOverflowError e) {
                throw new PatternBudgetExceeded(regex);
            }
        };
    }

    /** The budget ran out before the pattern decided; names the pattern (from the tool's schema), not the value. */
    static final class PatternBudgetExceeded extends RuntimeException {
        private final String pattern;

        PatternBudgetExceeded(String pattern) {
            super("pattern check exceeded its budget", null, false, false);
            this.pattern = pattern;
        }

        String pattern() {
            return pattern;
        }
    }

    /** A string whose reads are counted; subsequences (taken only for groups) are plain strings. */
    private static final class CountedText implements CharSequence {
        private final String text;
        private final String pattern;
        private long remaining;

        CountedText(String text, long budget, String pattern) {
            this.text = text;
            this.remaining = budget;
            this.pattern = pattern;
        }

        @Override
        public char charAt(int index) {
            if (--remaining < 0) {
                throw new PatternBudgetExceeded(pattern);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
