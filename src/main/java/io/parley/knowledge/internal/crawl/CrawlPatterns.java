package io.parley.knowledge.internal.crawl;

import io.parley.platform.BoundedRegex;
import io.parley.platform.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A crawl's include and exclude regexes, found anywhere in a URL's path and query. They are user input run on a
 * shared worker, so they are checked when the crawl is requested (length, count, syntax) and evaluated at a bounded
 * cost: the path is cut to {@link #MAX_INPUT} characters and a match reading more than {@link #MAX_STEPS}
 * characters is abandoned (catastrophic backtracking such as {@code (.*a){20}$}). An abandoned evaluation skips the URL
 * (not included, or excluded) and is counted, so the crawl can report it.
 */
public final class CrawlPatterns {
    static final int MAX_LENGTH = 200;
    static final int MAX_PATTERNS = 20;
    static final int MAX_INPUT = 1024;
    static final long MAX_STEPS = 2_000_000;

    private final List<Pattern> include;
    private final List<Pattern> exclude;
    // a page past its time limit may still be checking links while the crawl's next page is checked
    private final AtomicInteger abandoned = new AtomicInteger();

    CrawlPatterns(List<String> include, List<String> exclude) {
        this.include = include.stream().map(Pattern::compile).toList();
        this.exclude = exclude.stream().map(Pattern::compile).toList();
    }

    /** Throws a 400 problem naming {@code field} unless every pattern is short enough and compiles. */
    public static void validate(List<String> patterns, String field) {
        if (patterns.size() > MAX_PATTERNS) {
            throw invalid(field + " takes at most " + MAX_PATTERNS + " patterns");
        }
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
                throw invalid(field + "[" + i + "] must be a regex of 1 to " + MAX_LENGTH + " characters");
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw invalid(field + "[" + i + "] is not a valid regex (" + e.getDescription() + ")");
            }
        }
    }

    /** Whether a page with this path may become a source: no include patterns, or one of them is found. */
    boolean included(String path) {
        if (include.isEmpty()) {
            return true;
        }
        for (Pattern pattern : include) {
            Boolean found = find(pattern, path);
            if (found == null) {
                return false;
            }
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** Whether a URL with this path must not be fetched at all. */
    boolean excluded(String path) {
        for (Pattern pattern : exclude) {
            Boolean found = find(pattern, path);
            if (found == null || found) {
                return true;
            }
        }
        return false;
    }

    /** How many evaluations were abandoned as too expensive. */
    int abandoned() {
        return abandoned.get();
    }

    /** True or false, or null when the evaluation was abandoned. */
    private Boolean find(Pattern pattern, String path) {
        String input = path.length() > MAX_INPUT ? path.substring(0, MAX_INPUT) : path;
        Optional<Boolean> found = BoundedRegex.find(pattern, input, MAX_STEPS);
        if (found.isEmpty()) {
            abandoned.incrementAndGet();
        }
        return found.orElse(null);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("validation_failed", message);
    }
}
