package io.parley.knowledge;

import java.util.List;

/** A crawl of one site: pages on the base URL's host up to {@code maxDepth} links away, at most {@code maxPages}. */
public record CrawlRequest(
        String baseUrl, Integer maxDepth, Integer maxPages, List<String> include, List<String> exclude) {
    public CrawlRequest {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
}
