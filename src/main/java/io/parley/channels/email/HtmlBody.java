package io.parley.channels.email;

/**
 * The HTML part of a reply, made from its text: every character escaped, paragraphs at blank lines, line breaks
 * kept, and {@code https://} links made clickable (their text escaped the same way).
 */
final class HtmlBody {
    private HtmlBody() {}

    static String of(String text) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>");
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            html.append("<p>")
                    .append(linked(escape(paragraph.strip())).replace("\n", "<br>\n"))
                    .append("</p>\n");
        }
        return html.append("</body></html>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Already-escaped text: an https URL (no quotes or angle brackets can be left in it) becomes a link. */
    private static String linked(String escaped) {
        return escaped.replaceAll("(https://[^\\s&]+(?:&amp;[^\\s&]+)*)", "<a href=\"$1\">$1</a>");
    }
}
