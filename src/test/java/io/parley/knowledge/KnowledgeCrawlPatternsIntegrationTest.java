package io.parley.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.knowledge.KnowledgeWebIntegrationTest.page;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Crawl include/exclude patterns: what they keep out, and that user regexes cannot hang a worker. */
class KnowledgeCrawlPatternsIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_never_request_excluded_pages_nor_pages_outside_include() {
        Bot bot = KnowledgeFixtures.bot(api);
        String site = "/patterns-" + UUID.randomUUID();
        page(site + "/index.html", html("Home", "docs/guide.html", "docs/private/keys.html", "blog/post.html"));
        page(site + "/docs/guide.html", html("Guide", "faq.html"));
        page(site + "/docs/faq.html", html("FAQ"));
        page(site + "/docs/private/keys.html", html("Keys"));
        page(site + "/blog/post.html", html("Post"));

        JsonNode crawl = crawl(bot, site, "\"include\": [\"/docs/\"], \"exclude\": [\"/private/\"]");

        assertThat(crawl.path("pagesFound").asInt()).isEqualTo(2);
        JsonNode list = api.get(bot.sources() + "?type=url").json();
        assertThat(list.path("items").findValuesAsString("name")).containsExactlyInAnyOrder("Guide", "FAQ");
        Fakes.wiremock().verify(1, getRequestedFor(urlEqualTo(site + "/index.html")));
        Fakes.wiremock().verify(0, getRequestedFor(urlEqualTo(site + "/docs/private/keys.html")));
        Fakes.wiremock().verify(0, getRequestedFor(urlEqualTo(site + "/blog/post.html")));
    }

    @Test
    void should_finish_a_crawl_whose_pattern_backtracks_catastrophically_and_report_the_skipped_url() {
        Bot bot = KnowledgeFixtures.bot(api);
        String site = "/evil-" + UUID.randomUUID();
        String evil = "a".repeat(80) + "b.html";
        page(site + "/index.html", html("Home", evil, "fine.html"));
        page(site + "/" + evil, html("Evil"));
        page(site + "/fine.html", html("Fine"));

        // (.*a){20}$ backtracks through ~80^20 splits of that path without a budget (JDK 25 memoizes (a+)+$, so
        // the classic example would not hang); the await of crawl() would time out
        JsonNode crawl = crawl(bot, site, "\"exclude\": [\"(.*a){20}$\"]");

        assertThat(crawl.path("error").asString()).contains("1 URL(s) skipped").contains("too expensive");
        assertThat(api.get(bot.sources() + "?type=url").json().path("items").findValuesAsString("name"))
                .containsExactlyInAnyOrder("Home", "Fine");
        Fakes.wiremock().verify(0, getRequestedFor(urlEqualTo(site + "/" + evil)));
    }

    @Test
    void should_reject_patterns_that_are_too_long_or_do_not_compile_naming_the_field() {
        Bot bot = KnowledgeFixtures.bot(api);
        String base = Fakes.baseUrl() + "/never-" + UUID.randomUUID() + "/";

        JsonNode tooLong = assertProblem(
                api.post(bot.knowledge() + "/crawl", """
                {"baseUrl": "%s", "include": ["/docs/", "%s"]}""".formatted(base, "x".repeat(201))), 400, "validation_failed");
        JsonNode broken =
                assertProblem(api.post(bot.knowledge() + "/crawl", """
                {"baseUrl": "%s", "exclude": ["(unclosed"]}""".formatted(base)), 400, "validation_failed");

        assertThat(tooLong.path("detail").asString()).contains("include[1]").contains("200");
        assertThat(broken.path("detail").asString()).contains("exclude[0]").contains("not a valid regex");
        assertThat(api.post(bot.knowledge() + "/crawl", """
                {"baseUrl": "%s", "include": ["%s"]}""".formatted(base, "x".repeat(200)))
                        .status())
                .isEqualTo(202);
    }

    private JsonNode crawl(Bot bot, String site, String patterns) {
        Api.Response response =
                api.post(bot.knowledge() + "/crawl", """
                {"baseUrl": "%s", "maxDepth": 2, "maxPages": 50, %s}""".formatted(Fakes.baseUrl() + site + "/index.html", patterns));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String path = bot.knowledge() + "/crawl/" + response.text("id");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get(path).text("status")).isEqualTo("done"));
        return api.get(path).json();
    }

    private static String html(String title, String... links) {
        StringBuilder body = new StringBuilder("<html><head><title>" + title + "</title></head><body><p>About " + title
                + " " + UUID.randomUUID() + "</p>");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">").append(link).append("</a> ");
        }
        return body.append("</body></html>").toString();
    }
}
