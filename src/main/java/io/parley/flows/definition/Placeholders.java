package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code {{...}}} placeholders of a text: each is closed and names a path under one of the roots the
 * engine fills ({@code answers}, {@code vars}, {@code contact}, {@code lead}, {@code payment}). Whether the value
 * exists is known only at run time.
 */
final class Placeholders {
    static final Set<String> ROOTS = Set.of("answers", "vars", "contact", "lead", "payment");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]{0,200})}}");
    private static final Pattern PATH = Pattern.compile("\\s*([a-z_]+)(\\.[A-Za-z0-9_]+)+\\s*");

    private Placeholders() {}

    static void check(String text, Where where, String field, Findings findings) {
        if (text == null) {
            return;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        int open = 0;
        while (matcher.find()) {
            open++;
            Matcher path = PATH.matcher(matcher.group(1));
            if (!path.matches() || !ROOTS.contains(path.group(1))) {
                findings.add(
                        where,
                        field,
                        "placeholder {{" + matcher.group(1).strip() + "}} must be a path under one of "
                                + ROOTS.stream().sorted().toList());
            }
        }
        if (count(text, "{{") != open || count(text, "}}") != open) {
            findings.add(where, field, "has a '{{' or '}}' that does not belong to a placeholder {{root.path}}");
        }
    }

    private static int count(String text, String token) {
        int count = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            count++;
        }
        return count;
    }
}
