package io.parley.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.knowledge.KnowledgeWebIntegrationTest.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A hostile site's robots.txt: thousands of wildcard rules that make a backtracking matcher explode on long paths.
 * Crawling it must neither hang the crawl nor keep the node from answering its requests.
 */
class KnowledgeRobotsIntegrationTest extends IntegrationTestSupport {
    private static final int RULES = 3000;
    private static final String LONG = "a".repeat(2000);
    /** Long enough for any answer on a loaded machine: a request without one is a hang, not a slow answer. */
    private static final Duration NO_ANSWER = Duration.ofSeconds(30);

    private static final List<String> ALLOWED =
            IntStream.range(0, 4).mapToObj(i -> "p" + i + "-" + LONG + ".html").toList();
    private static final String DISALLOWED = "secret-" + LONG + "b7/page.html";
    /**
     * Every link is checked against robots.txt, but only these pages are fetched and become sources: the index, one
     * long allowed page, and the disallowed page (wanted, so only robots.txt keeps it out). Fewer sources keep the
     * local embedding model, which is not what this test measures, mostly out of the way.
     */
    private static final String INCLUDE = "\"/index\\\\.html$\", \"/p3-\", \"/secret-\"";

    @Test
    void should_keep_answering_live_while_two_crawls_read_a_pathological_robots_txt() {
        String site = "/robots-" + UUID.randomUUID();
        StubMapping robots = serveHostileSite(site);
        try {
            Bot first = KnowledgeFixtures.bot(api);
            Bot second = KnowledgeFixtures.bot(api);
            // the local embedding model loads on its first use, a burst this test does not measure
            KnowledgeFixtures.awaitStatus(
                    api,
                    first,
                    KnowledgeFixtures.addText(api, first, "Warm-up", "Loads the embedding model " + UUID.randomUUID()),
                    "synced");
            List<Crawl> crawls = List.of(startCrawl(first, site), startCrawl(second, site));

            LiveDuringCrawls live = askLiveUntilDone(crawls);

            assertThat(live.askedWhileCrawling())
                    .as("/live answers asked for while a crawl was in progress")
                    .isPositive();
            assertThat(live.statuses())
                    .as("every /live answer during and right after both crawls")
                    .isNotEmpty()
                    .containsOnly(200);
            assertThat(crawls).allSatisfy(crawl -> {
                Api.Response status = api.get(crawl.path());
                assertThat(status.text("status")).as(status.body()).isEqualTo("done");
                assertThat(status.json().path("pagesFound").asInt())
                        .as(status.body())
                        .isEqualTo(2);
            });
            Fakes.wiremock().verify(0, getRequestedFor(urlEqualTo(site + "/" + DISALLOWED)));
            Fakes.wiremock().verify(2, getRequestedFor(urlEqualTo(site + "/" + ALLOWED.get(3))));
        } finally {
            Fakes.wiremock().removeStub(robots);
        }
    }

    /**
     * The site's pages, and a robots.txt (for the whole WireMock host, hence returned to be removed) whose rules
     * {@code <site>/*a*a*a*a*a*a*a*a*b<i>/} a regex translation checks against 2,000 a's by trying ~2000^8 splits.
     */
    private static StubMapping serveHostileSite(String site) {
        page(
                site + "/index.html",
                html("Home", ALLOWED.get(0), ALLOWED.get(1), ALLOWED.get(2), ALLOWED.get(3), DISALLOWED));
        ALLOWED.forEach(path -> page(site + "/" + path, html("Long " + path.substring(0, 2))));
        page(site + "/" + DISALLOWED, html("Secret"));
        StringBuilder robots = new StringBuilder("User-agent: *\n");
        IntStream.range(0, RULES)
                .forEach(i -> robots.append("Disallow: ")
                        .append(site)
                        .append("/*a*a*a*a*a*a*a*a*b")
                        .append(i)
                        .append("/\n"));
        return Fakes.wiremock()
                .stubFor(get(urlEqualTo("/robots.txt"))
                        .willReturn(aResponse().withStatus(200).withBody(robots.toString())));
    }

    private record Crawl(Bot bot, String id) {
        String path() {
            return bot.knowledge() + "/crawl/" + id;
        }
    }

    private Crawl startCrawl(Bot bot, String site) {
        Api.Response response =
                api.post(bot.knowledge() + "/crawl", """
                {"baseUrl": "%s", "maxDepth": 1, "maxPages": 50, "include": [%s]}""".formatted(Fakes.baseUrl() + site + "/index.html", INCLUDE));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return new Crawl(bot, response.text("id"));
    }

    /** What {@code /live} answered while the crawls ran, and how many of those requests left before both were done. */
    private record LiveDuringCrawls(List<Integer> statuses, int askedWhileCrawling) {}

    /**
     * Asks {@code /live} again and again until both crawls are done (crawl states read from the database, so a
     * starved server cannot hang the test). A request that gets no answer fails the test: the client's timeout only
     * keeps a hung request from hanging the test, it is not a bound on how fast the node answers.
     */
    private LiveDuringCrawls askLiveUntilDone(List<Crawl> crawls) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(NO_ANSWER).build();
        HttpRequest live = HttpRequest.newBuilder(URI.create(api.base() + "/live"))
                .timeout(NO_ANSWER)
                .GET()
                .build();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        AtomicInteger askedWhileCrawling = new AtomicInteger();
        await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .alias("both crawls to finish")
                .until(() -> {
                    boolean crawling = !allDone(crawls);
                    try {
                        statuses.add(http.send(live, HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                    } catch (IOException e) {
                        throw new AssertionError("/live gave no answer while crawls ran", e);
                    }
                    if (crawling) {
                        askedWhileCrawling.incrementAndGet();
                    }
                    return allDone(crawls);
                });
        return new LiveDuringCrawls(statuses, askedWhileCrawling.get());
    }

    private boolean allDone(List<Crawl> crawls) {
        return crawls.stream()
                .allMatch(crawl -> jdbc.sql("select status from knowledge_crawls where id = :id")
                        .param("id", UUID.fromString(crawl.id()))
                        .query(String.class)
                        .single()
                        .equals("done"));
    }

    private static String html(String title, String... links) {
        StringBuilder body = new StringBuilder("<html><head><title>" + title + "</title></head><body><p>About " + title
                + " " + UUID.randomUUID() + "</p>");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">link</a> ");
        }
        return body.append("</body></html>").toString();
    }
}
