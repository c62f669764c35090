package io.parley.flows.engine;

import io.parley.flows.parse.ContextPaths;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the {@code {{root.path}}} placeholders of a flow's texts. An answer shows its readable form ("10x15 cm",
 * "Realism", "300 EUR"); a row of data its {@code label} or {@code title}; numbers without trailing zeros; a missing
 * value nothing. {@code {{payment.link}}} is left as {@link #PAYMENT_LINK} for the commit to fill.
 */
final class Rendering {
    static final String PAYMENT_LINK = "\u0000payment.link\u0000";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+(?:\\.[A-Za-z0-9_]+)+)\\s*}}");

    private Rendering() {}

    static String render(String text, FlowState state, Map<String, Object> context) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1), state, context)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String value(String path, FlowState state, Map<String, Object> context) {
        if (path.equals("payment.link")) {
            return PAYMENT_LINK;
        }
        String[] parts = path.split("\\.");
        if (parts.length == 2 && parts[0].equals("answers") && state.displays().containsKey(parts[1])) {
            return state.displays().get(parts[1]);
        }
        return show(ContextPaths.resolve(context, path));
    }

    static String show(Object value) {
        return switch (value) {
            case null -> "";
            case String text -> text;
            case BigDecimal number -> number.stripTrailingZeros().toPlainString();
            case Double number ->
                BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
            case Map<?, ?> map -> firstPresent(map, List.of("label", "title", "name", "raw", "id"));
            case Collection<?> items ->
                String.join(", ", items.stream().map(Rendering::show).toList());
            default -> String.valueOf(value);
        };
    }

    private static String firstPresent(Map<?, ?> map, List<String> keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if (value != null) {
                return show(value);
            }
        }
        return "";
    }
}
