package io.parley.knowledge.internal.crawl;

import io.parley.knowledge.internal.extract.ExtractionPool;
import io.parley.knowledge.internal.extract.Extractor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which URLs a crawl may fetch: those of the base URL's host that robots.txt allows and no exclude pattern matches,
 * and of those, the pages an include pattern wants as sources. Both rule sets come from outside (the site writes
 * robots.txt, the tenant the patterns), so these checks run on the {@link ExtractionPool} with the page's parse.
 */
record CrawlScope(URI base, Robots robots, CrawlPatterns patterns) {

    /** Not excluded by robots.txt or an exclude pattern. */
    boolean fetchable(URI url) {
        String path = pathOf(url);
        return robots.allows(path) && !patterns.excluded(path);
    }

    /** Wanted as a source by the include patterns. */
    boolean wanted(URI url) {
        return patterns.included(pathOf(url));
    }

    /**
     * The page's links on the base host not in {@code seen}, each with whether it is to be followed (fetchable and
     * wanted), in page order.
     */
    Map<URI, Boolean> follow(Set<String> hrefs, Set<URI> seen) {
        Map<URI, Boolean> links = new LinkedHashMap<>();
        for (String href : hrefs) {
            Extractor.checkpoint();
            URI next = parse(href);
            if (next != null && sameHost(next) && !seen.contains(next) && !links.containsKey(next)) {
                links.put(next, fetchable(next) && wanted(next));
            }
        }
        return links;
    }

    boolean sameHost(URI other) {
        return base.getHost() != null
                && base.getHost().equalsIgnoreCase(other.getHost())
                && base.getPort() == other.getPort();
    }

    static URI normalize(URI uri) {
        try {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    private static URI parse(String href) {
        try {
            URI uri = new URI(href);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? normalize(uri) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String pathOf(URI uri) {
        return (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
