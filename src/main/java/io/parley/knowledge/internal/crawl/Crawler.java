package io.parley.knowledge.internal.crawl;

import io.parley.knowledge.QuotaExceededException;
import io.parley.knowledge.internal.SourceRepository;
import io.parley.knowledge.internal.extract.ExtractionException;
import io.parley.knowledge.internal.extract.ExtractionPool;
import io.parley.knowledge.internal.extract.HtmlExtractor;
import io.parley.knowledge.internal.extract.MediaTypes;
import io.parley.knowledge.internal.quota.SourceIntake;
import io.parley.platform.ConflictException;
import io.parley.platform.TransientException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
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
 * a crash) skips pages that are already sources. Parsing a page and checking its links run on the
 * {@link ExtractionPool}, never on the crawl's own (virtual) thread; a page that takes longer than the time limit
 * is skipped.
 */
@Component
class Crawler {
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final UrlFetcher fetcher;
    private final SourceIntake intake;
    private final CrawlRepository crawls;
    private final ExtractionPool pool;
    private final Clock clock;

    Crawler(UrlFetcher fetcher, SourceIntake intake, CrawlRepository crawls, ExtractionPool pool, Clock clock) {
        this.fetcher = fetcher;
        this.intake = intake;
        this.crawls = crawls;
        this.pool = pool;
        this.clock = clock;
    }

    private record Link(URI url, int depth, boolean wanted) {}

    private record Parsed(byte[] body, HtmlExtractor.Page html, Map<URI, Boolean> links) {}

    private record Outcome(int pages, String stop) {}

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
        CrawlScope scope = new CrawlScope(
                base,
                robots,
                new CrawlPatterns(crawl.request().include(), crawl.request().exclude()));
        Outcome outcome = walk(crawl, scope);
        String stop = outcome.stop();
        if (stop == null && scope.patterns().abandoned() > 0) {
            log.warn(
                    "Crawl {}: {} include/exclude evaluations abandoned as too expensive",
                    crawlId,
                    scope.patterns().abandoned());
            stop = scope.patterns().abandoned()
                    + " URL(s) skipped: an include/exclude pattern was too expensive to evaluate";
        }
        crawls.status(crawlId, "done", outcome.pages(), stop, clock.instant());
    }

    private Outcome walk(CrawlRepository.Stored crawl, CrawlScope scope) {
        URI start = CrawlScope.normalize(scope.base());
        Deque<Link> queue = new ArrayDeque<>();
        Set<URI> seen = new HashSet<>(Set.of(start));
        // the base URL is fetched for its links even when include does not want it as a source
        Link first = pool.runWhenFree(() -> scope.fetchable(start) ? new Link(start, 0, scope.wanted(start)) : null);
        if (first != null) {
            queue.add(first);
        }
        int pages = 0;
        while (!queue.isEmpty() && pages < crawl.request().maxPages()) {
            Link link = queue.poll();
            Parsed page = visit(crawl, scope, link, Set.copyOf(seen));
            if (page == null) {
                continue;
            }
            if (link.wanted()) {
                try {
                    keep(crawl, link, page);
                    pages++;
                } catch (QuotaExceededException e) {
                    return new Outcome(pages, e.getMessage());
                }
            }
            page.links().forEach((next, follow) -> {
                if (seen.add(next) && follow) {
                    queue.add(new Link(next, link.depth() + 1, true));
                }
            });
            crawls.status(crawl.id(), "crawling", pages, null, null);
        }
        return new Outcome(pages, null);
    }

    /** The page fetched and parsed with its new links, or null when it is not an HTML page of this host. */
    private Parsed visit(CrawlRepository.Stored crawl, CrawlScope scope, Link link, Set<URI> seen) {
        UrlFetcher.Fetched page;
        try {
            page = fetcher.fetch(link.url());
        } catch (TransientException | IllegalArgumentException e) {
            log.info("Crawl {}: skipped a page ({})", crawl.id(), e.getMessage());
            return null;
        }
        if (page.status() >= 400
                || !MediaTypes.ofDeclared(page.contentType()).orElse("").equals(MediaTypes.HTML)
                || !scope.sameHost(page.url())) {
            return null;
        }
        boolean deeper = link.depth() < crawl.request().maxDepth();
        try {
            return pool.runWhenFree(() -> {
                HtmlExtractor.Page html =
                        HtmlExtractor.extract(page.body(), link.url().toString());
                return new Parsed(page.body(), html, deeper ? scope.follow(html.links(), seen) : Map.of());
            });
        } catch (ExtractionException e) {
            log.info("Crawl {}: skipped a page ({})", crawl.id(), e.getMessage());
            return null;
        }
    }

    /** Makes the page a source, unless it already is one (from an earlier run, or added by hand). */
    private void keep(CrawlRepository.Stored crawl, Link link, Parsed page) {
        String url = link.url().toString();
        String title = page.html().title();
        try {
            intake.accept(new SourceRepository.NewSource(
                    UUID.randomUUID(),
                    crawl.organizationId(),
                    crawl.chatbotId(),
                    crawl.id(),
                    "url",
                    title.isEmpty() ? url : title,
                    url,
                    MediaTypes.HTML,
                    page.body(),
                    null));
        } catch (ConflictException e) {
            // already a source: it counts as found all the same
        }
    }

    private Robots robots(URI base) {
        UrlFetcher.Fetched robots = fetcher.fetch(base.resolve("/robots.txt"));
        if (robots.status() >= 200 && robots.status() < 300) {
            return Robots.parse(robots.body());
        }
        return Robots.ALLOW_ALL; // 4xx: no robots.txt
    }
}
