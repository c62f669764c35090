package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The usage page fed by real turns: a bot on the faked OpenAI-compatible model (42 tokens in, 7 out per answer)
 * answers two WhatsApp messages, and the page's chart data and tables show those messages and tokens.
 */
class UsageFromTurnsConsoleIntegrationTest extends IntegrationTestSupport {
    @Test
    void should_chart_the_messages_and_tokens_of_two_answered_whatsapp_messages() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help.");
        WhatsAppChat ana = WhatsAppChat.start(api, bot);
        WhatsAppChat ben = WhatsAppChat.start(api, bot);
        ana.says("Hi");
        ana.awaitReceived(1);
        ben.says("Hello");
        ben.awaitReceived(1);
        LocalDate day = jdbc.sql("select (now() at time zone 'UTC')::date")
                .query(LocalDate.class)
                .single();
        ConsoleHttp admin = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        HttpResponse<String> page = admin.get("/console/usage?from=" + day + "&to=" + day);

        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        JsonNode messages = chart(html, "usage-messages-model");
        JsonNode tokens = chart(html, "usage-tokens-model");
        assertThat(messages.path("labels").get(0).asString()).isEqualTo(day.toString());
        assertThat(messages.path("datasets")).hasSize(1);
        assertThat(messages.path("datasets").get(0).path("label").asString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(messages.path("datasets").get(0).path("data").get(0).asLong())
                .isEqualTo(2);
        assertThat(tokens.path("datasets").get(0).path("data").get(0).asLong()).isEqualTo(2 * (42 + 7));
        assertThat(total(html, "usage-messages-chatbot")).isEqualTo("2");
        assertThat(total(html, "usage-tokens-chatbot")).isEqualTo("98");
        assertThat(html.select("[data-test=usage-top-contact]")).hasSize(2);
    }

    private static JsonNode chart(Document html, String id) {
        Element canvas = html.getElementById(id);
        assertThat(canvas).as(id).isNotNull();
        return Api.json().readTree(canvas.attr("data-chart"));
    }

    /** The "Total" row of the chart's table: its one series (one chatbot). */
    private static String total(Document html, String id) {
        Element table = html.selectFirst("table[data-chart-table=" + id + "]");
        assertThat(table).as(id).isNotNull();
        return table.select("tfoot td").text();
    }
}
