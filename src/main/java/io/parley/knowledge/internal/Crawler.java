package io.parley.knowledge.internal;

import io.parley.knowledge.QuotaExceededException;
import io.parley.platform.ConflictException;
import io.parley.platform.TransientException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Breadth-first crawl of one host from the base URL: robots.txt obeyed (unreachable robots.txt = nothing may be
 * crawled, RFC 9309), requests spaced by the fetcher, only HTML pages, links followed up to {@code maxDepth}. Each
 * page becomes a URL source with its fetched bytes, so ingestion does not fetch it again. URLs whose path matches an
 * exclude pattern, or no include pattern, are never requested (see {@link CrawlPatterns}). Re-running a crawl (after
 * a crash) skips pages that are already sources.
 */
@Component
class Crawler {
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final UrlFetcher fetcher;
    private final SourceIntake intake;
    private final CrawlRepository crawls;
    private final Clock clock;

    Crawler(UrlFetcher fetcher, SourceIntake intake, CrawlRepository crawls, Clock clock) {
        this.fetcher = fetcher;
        this.intake = intake;
        this.crawls = crawls;
        this.clock = clock;
    }

    private record Link(URI url, int depth) {
    }

    void run(UUID crawlId) {
        CrawlRepository.Stored crawl = crawls.find(crawlId).orElse(null);
        if (crawl == null || crawl.status().equals("done") || crawl.status().equals("failed")) {
            return;
        }
        crawls.status(crawlId, "crawling", 0, null, null);
        URI base = URI.create(crawl.request().baseUrl());
        Robots robots;
        try {
            robots = robots(base);
        } catch (TransientException | IllegalArgumentException e) {
            crawls.status(crawlId, "failed", 0, "robots.txt could not be read: " + e.getMessage(), clock.instant());
            return;
        }
        CrawlPatterns patterns = new CrawlPatterns(crawl.request().include(), crawl.request().exclude());
        Deque<Link> queue = new ArrayDeque<>(List.of(new Link(normalize(base), 0)));
        Set<URI> seen = new HashSet<>(Set.of(normalize(base)));
        int pages = 0;
        String stop = null;
        while (!queue.isEmpty() && pages < crawl.request().maxPages() && stop == null) {
            Link link = queue.poll();
            String url = link.url().toString();
            String path = pathOf(link.url());
            boolean wanted = patterns.included(path);
            // the base URL is fetched for its links even when include does not want it as a source
            if (!robots.allows(path) || patterns.excluded(path) || !(wanted || link.depth() == 0)) {
                continue;
            }
            UrlFetcher.Fetched page;
            try {
                page = fetcher.fetch(link.url());
            } catch (TransientException | IllegalArgumentException e) {
                log.info("Crawl {}: skipped a page ({})", crawlId, e.getMessage());
                continue;
            }
            if (page.status() >= 400 || !MediaTypes.ofDeclared(page.contentType()).orElse("").equals(MediaTypes.HTML)
                    || !sameHost(base, page.url())) {
                continue;
            }
            HtmlExtractor.Page html = HtmlExtractor.extract(page.body(), url);
            if (wanted) {
                try {
                    intake.accept(new SourceRepository.NewSource(UUID.randomUUID(), crawl.organizationId(),
                            crawl.chatbotId(), crawlId, "url", html.title().isEmpty() ? url : html.title(), url,
                            MediaTypes.HTML, page.body(), null));
                    pages++;
                } catch (ConflictException e) {
                    pages++; // already a source (an earlier run of this crawl, or added by hand)
                } catch (QuotaExceededException e) {
                    stop = e.getMessage();
                }
            }
            if (link.depth() < crawl.request().maxDepth()) {
                for (String href : html.links()) {
                    URI next = parse(href);
                    if (next != null && sameHost(base, next) && seen.add(next)) {
                        queue.add(new Link(next, link.depth() + 1));
                    }
                }
            }
            crawls.status(crawlId, "crawling", pages, null, null);
        }
        if (stop == null && patterns.abandoned() > 0) {
            log.warn("Crawl {}: {} include/exclude evaluations abandoned as too expensive", crawlId,
                    patterns.abandoned());
            stop = patterns.abandoned() + " URL(s) skipped: an include/exclude pattern was too expensive to evaluate";
        }
        crawls.status(crawlId, "done", pages, stop, clock.instant());
    }

    private Robots robots(URI base) {
        UrlFetcher.Fetched robots = fetcher.fetch(base.resolve("/robots.txt"));
        if (robots.status() >= 200 && robots.status() < 300) {
            return Robots.parse(robots.body());
        }
        return Robots.ALLOW_ALL; // 4xx: no robots.txt
    }

    private static URI parse(String href) {
        try {
            URI uri = new URI(href);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? normalize(uri) : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static URI normalize(URI uri) {
        try {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (java.net.URISyntaxException e) {
            return uri;
        }
    }

    private static boolean sameHost(URI base, URI other) {
        return base.getHost() != null && base.getHost().equalsIgnoreCase(other.getHost())
                && base.getPort() == other.getPort();
    }

    private static String pathOf(URI uri) {
        return (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
