package io.parley.flows.golden;

import io.parley.platform.BoundedRegex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compares what a turn caused with what its golden says: the bot's messages (the complete ordered list; a text, a
 * {@code {match: regex}}, a {@code {text, buttons|list}}, a {@code {template, params}}) and the {@code expect} keys
 * ({@code answers} is a subset: every key written must match, recursively; numbers by value). Returns the differences,
 * one line each; empty when the turn is as written.
 */
public final class GoldenCheck {
    /** Character reads one {@code match} may cost ({@link BoundedRegex}). */
    static final long MATCH_BUDGET = 200_000;

    private GoldenCheck() {}

    /**
     * What a run saw after one input.
     *
     * @param messages each a text, or a map {@code {text, buttons}}, {@code {text, list}}, {@code {template, params}}
     * @param stripe   {@code checkout_sessions_created} and {@code idempotency_key} ({@code present} / {@code absent})
     */
    public record Observed(
            List<Object> messages,
            String step,
            int attempts,
            String lead,
            String owner,
            int run,
            Map<String, Object> answers,
            List<String> events,
            Map<String, Object> stripe) {}

    public static List<String> diff(Golden.Turn turn, Observed observed) {
        List<String> diffs = new ArrayList<>();
        if (turn.bot() != null) {
            messages(turn.bot(), observed.messages(), diffs);
        }
        turn.expect().forEach((key, expected) -> expectation(key, expected, observed, diffs));
        return diffs;
    }

    private static void messages(List<Object> expected, List<Object> actual, List<String> diffs) {
        if (expected.size() != actual.size()) {
            diffs.add("bot: expected " + expected.size() + " message(s), got " + actual.size() + ": " + actual);
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String problem = message(expected.get(i), actual.get(i));
            if (problem != null) {
                diffs.add("bot[" + i + "]: " + problem);
            }
        }
    }

    private static String message(Object expected, Object actual) {
        if (expected instanceof Map<?, ?> map && map.containsKey("match")) {
            String text = actual instanceof Map<?, ?> actualMap
                    ? String.valueOf(actualMap.get("text"))
                    : String.valueOf(actual);
            try {
                // Tenants write these patterns (the flow-tests API): a bounded match, never a hang.
                Optional<Boolean> found =
                        BoundedRegex.find(Pattern.compile(String.valueOf(map.get("match"))), text, MATCH_BUDGET);
                if (found.isEmpty()) {
                    return "match /" + map.get("match") + "/ is too costly to decide (catastrophic backtracking)";
                }
                return found.get() ? null : "expected a text matching /" + map.get("match") + "/, got " + show(actual);
            } catch (PatternSyntaxException e) {
                return "match is not a valid regular expression: " + e.getDescription();
            }
        }
        return same(expected, actual, false) ? null : "expected " + show(expected) + ", got " + show(actual);
    }

    private static void expectation(String key, Object expected, Observed observed, List<String> diffs) {
        switch (key) {
            case "step" -> check(diffs, key, expected, observed.step());
            case "attempts" -> check(diffs, key, expected, observed.attempts());
            case "lead" -> check(diffs, key, expected, observed.lead());
            case "owner" -> check(diffs, key, expected, observed.owner());
            case "run" -> check(diffs, key, expected, observed.run());
            case "answers" -> {
                if (!same(expected, observed.answers(), true)) {
                    diffs.add("answers: expected to contain " + show(expected) + ", got " + show(observed.answers()));
                }
            }
            case "answers_absent" -> {
                for (Object name : list(expected)) {
                    if (observed.answers().containsKey(String.valueOf(name))) {
                        diffs.add("answers_absent: '" + name + "' is present: "
                                + show(observed.answers().get(name)));
                    }
                }
            }
            case "events" -> {
                for (Object type : list(expected)) {
                    if (!observed.events().contains(String.valueOf(type))) {
                        diffs.add("events: expected " + type + " among " + observed.events());
                    }
                }
            }
            case "events_absent" -> {
                for (Object type : list(expected)) {
                    if (observed.events().contains(String.valueOf(type))) {
                        diffs.add("events_absent: " + type + " was recorded");
                    }
                }
            }
            case "stripe" -> {
                if (!same(expected, observed.stripe(), true)) {
                    diffs.add("stripe: expected " + show(expected) + ", got " + show(observed.stripe()));
                }
            }
            default -> diffs.add("expect: unknown key '" + key + "'");
        }
    }

    private static void check(List<String> diffs, String key, Object expected, Object actual) {
        if (!same(expected, actual, false)) {
            diffs.add(key + ": expected " + show(expected) + ", got " + show(actual));
        }
    }

    /** Equal by value; with {@code subset}, a map may have keys the expected one does not name. */
    static boolean same(Object expected, Object actual, boolean subset) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            if (!subset && a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : a.entrySet()) {
                if (!b.containsKey(entry.getKey()) || !same(entry.getValue(), b.get(entry.getKey()), subset)) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i), subset)) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Boolean || actual instanceof Boolean) {
            return Objects.equals(String.valueOf(expected), String.valueOf(actual));
        }
        return Objects.equals(
                expected == null ? null : String.valueOf(expected), actual == null ? null : String.valueOf(actual));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    static String show(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
