package io.parley.flows.parse;

/**
 * A text that lets a regular expression read at most a fixed number of characters, then throws {@link Exhausted}.
 * {@code java.util.regex} reads its input through {@link #charAt}, so this bounds the work of any match, including
 * catastrophic backtracking, deterministically (no thread, no timer).
 */
final class BudgetedText implements CharSequence {

    /** The budget ran out: the pattern is too costly for this input. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regular expression budget exhausted", null, false, false);
        }
    }

    private final String text;
    private final long[] remaining;

    BudgetedText(String text, long budget) {
        this(text, new long[] {budget});
    }

    private BudgetedText(String text, long[] remaining) {
        this.text = text;
        this.remaining = remaining;
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text.substring(start, end), remaining);
    }

    @Override
    public String toString() {
        return text;
    }
}
