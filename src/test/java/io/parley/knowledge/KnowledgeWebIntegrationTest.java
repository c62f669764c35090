package io.parley.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.knowledge.KnowledgeFixtures.chunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.knowledge.KnowledgeFixtures.StoredChunk;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** URL sources and crawls against pages served by WireMock. */
class KnowledgeWebIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_extract_the_main_text_of_a_page_without_its_boilerplate() {
        Bot bot = KnowledgeFixtures.bot(api);
        String path = "/site-" + UUID.randomUUID() + "/faq.html";
        page(path, """
                <html><head><title>Shop FAQ</title><style>.x{}</style></head><body>
                <nav>Home | Products | Cart</nav><header>Big banner</header>
                <main><h1>Shipping</h1><p>Orders leave the warehouse the same day.</p>
                <table><tr><th>Country</th><th>Days</th></tr><tr><td>Portugal</td><td>1-2</td></tr></table></main>
                <aside>Subscribe to our newsletter</aside><footer>Copyright</footer>
                <script>track()</script></body></html>""");
        String url = Fakes.baseUrl() + path;

        Api.Response response = api.post(bot.sources(), "{\"type\": \"url\", \"url\": \"" + url + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode source = awaitStatus(api, bot, response.text("id"), "synced");

        assertThat(source.path("name").asString()).isEqualTo("Shop FAQ");
        assertThat(source.path("mediaType").asString()).isEqualTo("text/html");
        assertThat(source.path("size").asLong()).isPositive();
        List<StoredChunk> chunks = chunks(jdbc, response.text("id"));
        String all = String.join("\n", chunks.stream().map(StoredChunk::text).toList());
        assertThat(all)
                .contains("Orders leave the warehouse the same day.")
                .contains("Country | Days")
                .contains("Portugal | 1-2")
                .doesNotContain("Products | Cart", "Big banner", "newsletter", "Copyright", "track()");
        assertThat(chunks).allSatisfy(c -> assertThat(c.location()).containsEntry("url", url));
        assertThat(api.post(bot.sources(), "{\"type\": \"url\", \"url\": \"" + url + "\"}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void should_crawl_same_host_pages_that_robots_txt_allows() {
        Bot bot = KnowledgeFixtures.bot(api);
        String site = "/crawl-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(get(urlEqualTo("/robots.txt"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withBody("User-agent: *\nDisallow: " + site + "/private\n")));
        String otherHost = Fakes.baseUrl().replace("localhost", "127.0.0.1") + site + "/elsewhere.html";
        page(
                site + "/index.html",
                html("Home", "Welcome to the shop.", "a.html", "b.html", "private/secret.html", otherHost));
        page(site + "/a.html", html("Page A", "Opening hours are nine to seven.", "c.html"));
        page(site + "/b.html", html("Page B", "Returns within thirty days.", "index.html"));
        page(site + "/c.html", html("Page C", "Too deep for depth one."));
        page(site + "/private/secret.html", html("Secret", "Nobody may crawl this."));
        page(site + "/elsewhere.html", html("Elsewhere", "Another host."));

        Api.Response response =
                api.post(bot.knowledge() + "/crawl", """
                {"baseUrl": "%s", "maxDepth": 1, "maxPages": 50}""".formatted(Fakes.baseUrl() + site + "/index.html"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String crawl = response.text("id");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                api.get(bot.knowledge() + "/crawl/" + crawl).text("status"))
                        .isEqualTo("done"));
        JsonNode list = api.get(bot.sources() + "?type=url").json();
        assertThat(list.path("total").asInt()).isEqualTo(3);
        assertThat(list.path("items").findValuesAsString("name")).containsExactlyInAnyOrder("Home", "Page A", "Page B");
        assertThat(list.path("items").findValuesAsString("crawlId")).containsOnly(crawl);
        for (JsonNode item : list.path("items")) {
            awaitStatus(api, bot, item.path("id").asString(), "synced");
        }
        Fakes.wiremock().verify(0, getRequestedFor(urlEqualTo(site + "/private/secret.html")));
        Fakes.wiremock().verify(0, getRequestedFor(urlEqualTo(site + "/elsewhere.html")));
        Fakes.wiremock().verify(0, getRequestedFor(urlEqualTo(site + "/c.html")));
        assertThat(api.get(bot.knowledge() + "/quota")
                        .json()
                        .path("urls")
                        .path("used")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void should_retry_a_page_that_answers_503_then_fail_with_the_reason() {
        Bot bot = KnowledgeFixtures.bot(api);
        String path = "/down-" + UUID.randomUUID() + "/page.html";
        Fakes.wiremock().stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));

        Api.Response response =
                api.post(bot.sources(), "{\"type\": \"url\", \"url\": \"" + Fakes.baseUrl() + path + "\"}");
        JsonNode failed = awaitStatus(api, bot, response.text("id"), "failed");

        assertThat(failed.path("error").asString()).contains("HTTP 503").contains("gave up after 3 attempts");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        Fakes.wiremock().verify(3, getRequestedFor(urlEqualTo(path)));
    }

    static void page(String path, String body) {
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(path))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html; charset=utf-8")
                                .withBody(body)));
    }

    private static String html(String title, String text, String... links) {
        StringBuilder body =
                new StringBuilder("<html><head><title>" + title + "</title></head><body><p>" + text + "</p>");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">").append(link).append("</a> ");
        }
        return body.append("</body></html>").toString();
    }
}
