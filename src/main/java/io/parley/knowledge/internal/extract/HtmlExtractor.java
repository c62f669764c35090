package io.parley.knowledge.internal.extract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML pages: boilerplate (nav, header, footer, aside, scripts, styles, forms) removed, block elements on their
 * own lines, headings as markdown headings (so sections follow them), table rows as {@code cell | cell}.
 */
public final class HtmlExtractor {
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "li",
            "ul",
            "ol",
            "section",
            "article",
            "main",
            "br",
            "tr",
            "table",
            "pre",
            "blockquote",
            "dt",
            "dd",
            "dl",
            "figcaption",
            "hr");

    private HtmlExtractor() {}

    public record Page(String title, List<Section> sections, Set<String> links) {}

    public static Page extract(byte[] bytes, String url) {
        Document document = Jsoup.parse(new String(bytes, StandardCharsets.UTF_8), url == null ? "" : url);
        String title = document.title().strip();
        Set<String> links = new LinkedHashSet<>();
        for (Element link : document.select("a[href]")) {
            String absolute = link.absUrl("href");
            if (!absolute.isEmpty()) {
                links.add(absolute);
            }
        }
        document.select("nav, header, footer, aside, script, style, noscript, form, iframe, svg, template")
                .remove();
        StringBuilder text = new StringBuilder();
        if (!title.isEmpty()) {
            text.append("# ").append(title).append("\n\n");
        }
        NodeTraversor.traverse(new Renderer(text), document.body());
        Map<String, Object> location = new LinkedHashMap<>();
        if (url != null) {
            location.put("url", url);
        }
        String normalized = text.toString()
                .replaceAll("[ \\t\\x0B\\f\\u00A0]+", " ")
                .replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n");
        return new Page(title, TextSections.of(normalized, location), links);
    }

    private record Renderer(StringBuilder out) implements NodeVisitor {
        @Override
        public void head(Node node, int depth) {
            Extractor.checkpoint();
            if (node instanceof TextNode text) {
                out.append(text.text());
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.matches("h[1-6]")) {
                    out.append("\n\n").append("#".repeat(tag.charAt(1) - '0')).append(' ');
                } else if ((tag.equals("td") || tag.equals("th")) && element.elementSiblingIndex() > 0) {
                    out.append(" | ");
                } else if (BLOCKS.contains(tag)) {
                    out.append('\n');
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.matches("h[1-6]") || tag.equals("p") || tag.equals("table")) {
                    out.append("\n\n");
                } else if (BLOCKS.contains(tag)) {
                    out.append('\n');
                }
            }
        }
    }
}
