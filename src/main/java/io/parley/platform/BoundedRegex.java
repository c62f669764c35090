package io.parley.platform;

import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression run on outside text with a budget. java.util.regex backtracks: a pattern such as
 * {@code ^(a+)+$} (from a tenant's tool schema or crawl settings) on a long value can take minutes. The text the
 * engine reads counts every read, its slices included; past the budget, or when the engine's recursion overflows the
 * stack, the evaluation is abandoned and the caller decides what an undecided answer means.
 */
public final class BoundedRegex {
    private BoundedRegex() {}

    /**
     * Whether {@code pattern} finds a match in {@code text}, or empty when deciding took more than {@code budget}
     * character reads.
     */
    public static Optional<Boolean> find(Pattern pattern, String text, long budget) {
        try {
            return Optional.of(
                    pattern.matcher(new CountedText(text, new long[] {budget})).find());
        } catch (BudgetSpent | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Deciding a {@link #match} took more than its budget of character reads, or more stack than there is. */
    public static final class Undecided extends RuntimeException {
        Undecided(Throwable cause) {
            super("regex evaluation too expensive", cause, false, false);
        }
    }

    /**
     * The match of {@code pattern} on the whole of {@code text} ({@code whole}) or on a part of it; empty when there
     * is none.
     *
     * @throws Undecided when deciding took more than {@code budget} character reads
     */
    public static Optional<MatchResult> match(Pattern pattern, String text, boolean whole, long budget) {
        try {
            Matcher matcher = pattern.matcher(new CountedText(text, new long[] {budget}));
            boolean matched = whole ? matcher.matches() : matcher.find();
            return matched ? Optional.of(matcher.toMatchResult()) : Optional.empty();
        } catch (BudgetSpent | StackOverflowError e) {
            throw new Undecided(e);
        }
    }

    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super("regex evaluation too expensive", null, false, false);
        }
    }

    /** A string that throws once the regex engine has read {@code budget[0]} characters from it and its slices. */
    private record CountedText(String text, long[] budget) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetSpent();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
