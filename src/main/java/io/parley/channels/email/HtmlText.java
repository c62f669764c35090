package io.parley.channels.email;

import java.util.regex.Pattern;

/** The readable text of an HTML-only email: scripts and styles dropped, block ends as line breaks, tags removed. */
final class HtmlText {
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1\\s*>");
    private static final Pattern BREAKS = Pattern.compile("(?i)<(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>");
    private static final Pattern BLOCKQUOTE = Pattern.compile("(?is)<blockquote[^>]*>.*?</blockquote\\s*>");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private HtmlText() {}

    static String of(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = BLOCKQUOTE.matcher(text).replaceAll("\n");
        text = BREAKS.matcher(text).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
