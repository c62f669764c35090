package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Every page of the console, read as HTML by an owner: the rules that hold on all of them — no inline script, style
 * or event handler (the strict CSP would block them), no missing message key, one {@code h1}, a title, and a label
 * for every field a person fills in (accessibility).
 */
class ConsolePagesLintTest extends IntegrationTestSupport {

    @Test
    void should_keep_every_page_free_of_inline_code_and_missing_strings_with_a_label_on_every_field() {
        Tenants.WhatsAppBot bot =
                Tenants.offlineBot(api, "[{\"question\": \"Hours?\", \"answer\": \"Nine to five.\"}]");
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), "15550002001", "Lint Person", WhatsAppPayloads.newWamid(), "Hours?"),
                bot.appSecret());
        assertThat(ack.status()).isEqualTo(200);
        String conversation = jdbc.sql("select id::text from conversations where chatbot_id = cast(:bot as uuid)")
                .param("bot", bot.chatbotId())
                .query(String.class)
                .single();
        String contact = jdbc.sql("select contact_id::text from conversations where id = cast(:id as uuid)")
                .param("id", conversation)
                .query(String.class)
                .single();
        ConsoleHttp owner = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "owner"), ConsoleStaff.PASSWORD);
        String botPath = "/console/bots/" + bot.chatbotId();
        List<String> pages = List.of(
                "/console",
                "/console/contacts",
                "/console/contacts/" + contact,
                "/console/conversations/" + conversation,
                "/console/bots",
                botPath,
                botPath + "/channels",
                botPath + "/knowledge",
                botPath + "/templates",
                "/console/usage",
                "/console/events",
                "/console/dead-letters",
                "/console/settings/api-keys",
                "/console/settings/users",
                "/console/settings/audit");

        List<String> problems = new ArrayList<>();
        for (String page : pages) {
            HttpResponse<String> response = owner.get(page);
            if (response.statusCode() != 200) {
                problems.add(page + ": status " + response.statusCode());
                continue;
            }
            problems.addAll(lint(page, Jsoup.parse(response.body())));
        }
        problems.addAll(lint(
                "/console/login",
                Jsoup.parse(new ConsoleHttp(port).get("/console/login").body())));

        assertThat(problems).isEmpty();
    }

    private static List<String> lint(String page, Document html) {
        List<String> problems = new ArrayList<>();
        if (html.select("html[lang]").isEmpty() || html.title().isBlank()) {
            problems.add(page + ": no lang or no title");
        }
        if (html.select("h1").size() != 1) {
            problems.add(page + ": " + html.select("h1").size() + " h1 elements");
        }
        for (Element script : html.select("script")) {
            if (!script.hasAttr("src") && !"application/json".equals(script.attr("type"))) {
                problems.add(page + ": inline script");
            }
        }
        for (Element element : html.getAllElements()) {
            if (element.hasAttr("style")) {
                problems.add(page + ": style attribute on <" + element.tagName() + ">");
            }
            element.attributes().forEach(a -> {
                if (a.getKey().toLowerCase().startsWith("on")) {
                    problems.add(page + ": event handler " + a.getKey() + " on <" + element.tagName() + ">");
                }
            });
        }
        if (html.html().contains("??")) {
            problems.add(page + ": a missing message key (??…??)");
        }
        for (Element field : html.select("input, select, textarea")) {
            String type = field.attr("type");
            if (List.of("hidden", "submit", "button", "reset").contains(type) || labelled(html, field)) {
                continue;
            }
            problems.add(page + ": a field without a label: "
                    + field.outerHtml().lines().findFirst().orElse(""));
        }
        return problems;
    }

    private static boolean labelled(Document html, Element field) {
        if (field.hasAttr("aria-label")
                || field.hasAttr("aria-labelledby")
                || !field.parents().select("label").isEmpty()) {
            return true;
        }
        String id = field.id();
        return !id.isEmpty() && !html.select("label[for=" + id + "]").isEmpty();
    }
}
