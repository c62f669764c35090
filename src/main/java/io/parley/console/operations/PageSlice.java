package io.parley.console.operations;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One page of a newest-first list whose facade reads at most {@link #MAX_ROWS} rows from the top: the page is cut
 * out of the first {@code page × size + 1} rows (the extra row tells whether an older page exists).
 */
public record PageSlice<T>(List<T> items, int page, boolean hasOlder) {
    public static final int SIZE = 25;
    public static final int MAX_ROWS = 500;
    public static final int MAX_PAGE = MAX_ROWS / SIZE;

    /** {@code read} is asked for that many newest rows. */
    static <T> PageSlice<T> of(int requestedPage, IntFunction<List<T>> read) {
        int page = Math.clamp(requestedPage, 1, MAX_PAGE);
        List<T> rows = read.apply(Math.min(MAX_ROWS, page * SIZE + 1));
        int from = Math.min(rows.size(), (page - 1) * SIZE);
        int to = Math.min(rows.size(), page * SIZE);
        return new PageSlice<>(rows.subList(from, to), page, rows.size() > to && page < MAX_PAGE);
    }

    public boolean hasNewer() {
        return page > 1;
    }
}
