package io.parley.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new part of an email, for the model: quoted history and the signature removed. The original stays archived.
 * Cut at the first attribution line ({@code On … wrote:}, also split over two lines, and {@code Am … schrieb …:}),
 * an Outlook header block ({@code -----Original Message-----}, a rule of underscores, or {@code From:} followed by
 * {@code Sent:}/{@code Date:}), or the signature separator {@code "-- "}; lines quoted with {@code >} are dropped.
 * A text that would be left empty (everything was quoted) is kept whole.
 */
final class QuotedHistory {
    private static final Pattern ATTRIBUTION = Pattern.compile("^(On\\s.+\\swrote:|Am\\s.+\\sschrieb\\s?.*:)\\s*$");
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^(On|Am)\\s.+");
    private static final Pattern ATTRIBUTION_END = Pattern.compile(".*\\s(wrote|schrieb\\s?.*):\\s*$");
    private static final Pattern OUTLOOK_RULE = Pattern.compile("^(-{3,}\\s*Original Message\\s*-{3,}|_{10,})\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("^\\*?From:\\*?\\s.+");
    private static final Pattern HEADER_NEXT = Pattern.compile("^\\*?(Sent|Date|To|Subject):\\*?\\s.*");

    private QuotedHistory() {}

    static String strip(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (line.equals("-- ") || line.equals("--")) {
                break;
            }
            if (ATTRIBUTION.matcher(trimmed).matches()
                    || OUTLOOK_RULE.matcher(trimmed).matches()
                    || (ATTRIBUTION_START.matcher(trimmed).matches()
                            && i + 1 < lines.length
                            && ATTRIBUTION_END.matcher(lines[i + 1].strip()).matches()
                            && !ATTRIBUTION_END.matcher(trimmed).matches())
                    || (HEADER_FROM.matcher(trimmed).matches()
                            && i + 1 < lines.length
                            && HEADER_NEXT.matcher(lines[i + 1].strip()).matches())) {
                break;
            }
            if (trimmed.startsWith(">")) {
                continue;
            }
            kept.add(line);
        }
        String result = String.join("\n", kept).strip();
        return result.isEmpty() ? text.strip() : result;
    }
}
