package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox list over plain HTTP: order, cursor pages, every filter, search, unread counts and tenant scoping. */
class InboxIntegrationTest extends IntegrationTestSupport {
    private static final Pattern ITEM =
            Pattern.compile("data-test=\"inbox-item\" data-conversation-id=\"([0-9a-f-]{36})\"");
    private static final Pattern MORE =
            Pattern.compile("href=\"(/console\\?[^\"]*after=[^\"]+)\"[^>]*data-test=\"inbox-more\"");

    Tenants.WhatsAppBot bot;
    InboxConversations conversations;
    String agentEmail;
    ConsoleHttp agent;
    Instant base;

    @BeforeEach
    void organization() {
        bot = Tenants.offlineBot(api, "[]");
        conversations = new InboxConversations(jdbc, bot);
        agentEmail = ConsoleStaff.create(api, bot.organizationId(), "agent");
        agent = new ConsoleHttp(port).signIn(agentEmail, ConsoleStaff.PASSWORD);
        base = Instant.parse("2026-03-01T10:00:00Z");
    }

    @Test
    void should_list_conversations_arriving_over_the_webhook_and_never_another_organizations() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        post(bot, "15557770001", "Hello from the inbox test");
        post(other, "15557770002", "Hello from elsewhere");
        String otherConversation = jdbc.sql("select id from conversations where organization_id = ?::uuid")
                .params(other.organizationId())
                .query(String.class)
                .single();

        HttpResponse<String> inbox = agent.get("/console");

        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(ids(inbox.body())).hasSize(1).doesNotContain(otherConversation);
        assertThat(inbox.body())
                .contains("Hello from the inbox test", "+15557770001", "data-test=\"owner-badge\"", "badge bot")
                .doesNotContain("Hello from elsewhere");
        assertThat(inbox.headers().firstValue("Server-Timing"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("inbox;dur="));
    }

    @Test
    void should_page_newest_activity_first_with_a_cursor_of_fifty() {
        List<UUID> newestFirst = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            newestFirst.addFirst(conversations.add("Person " + i, "+1555000" + (1000 + i), "text " + i, at(i)));
        }

        HttpResponse<String> first = agent.get("/console");
        Matcher more = MORE.matcher(first.body());
        assertThat(more.find()).as("a more link").isTrue();
        HttpResponse<String> second = agent.get(more.group(1).replace("&amp;", "&"));
        HttpResponse<String> fragment =
                agent.get(more.group(1).replace("/console?", "/console/inbox/items?"), "HX-Request", "true");

        assertThat(ids(first.body())).containsExactlyElementsOf(strings(newestFirst.subList(0, 50)));
        assertThat(ids(second.body())).containsExactlyElementsOf(strings(newestFirst.subList(50, 53)));
        assertThat(MORE.matcher(second.body()).find()).isFalse();
        assertThat(ids(fragment.body())).containsExactlyElementsOf(strings(newestFirst.subList(50, 53)));
        assertThat(fragment.body()).doesNotContain("<html");
    }

    @Test
    void should_filter_by_owner_waiting_for_a_human_assignment_and_failed_delivery() {
        UUID botAnswers = conversations.add("Bot Answers", "+15550000001", "hi", at(1));
        UUID waiting = conversations.add("Waits For Us", "+15550000002", "anyone there?", at(2));
        conversations.owner(waiting, "human");
        UUID answeredByAgent = conversations.add("Agent Answered", "+15550000003", "thanks", at(3));
        conversations.owner(answeredByAgent, "human");
        conversations.message(answeredByAgent, "agent", "You're welcome", at(4));
        UUID mine = conversations.add("Assigned To Me", "+15550000004", "hello", at(5));
        conversations.assign(mine, conversations.staffId(agentEmail));
        UUID failed = conversations.add("Failed Delivery", "+15550000005", "opening hours?", at(6));
        conversations.failedDelivery(failed, at(7));

        assertThat(listed("owner=human")).containsExactlyInAnyOrder(str(waiting), str(answeredByAgent));
        assertThat(listed("owner=bot")).containsExactlyInAnyOrder(str(botAnswers), str(mine), str(failed));
        assertThat(listed("waiting=on")).containsExactly(str(waiting));
        assertThat(listed("mine=on")).containsExactly(str(mine));
        assertThat(listed("unassigned=on")).hasSize(4).doesNotContain(str(mine));
        assertThat(listed("failed=on")).containsExactly(str(failed));
        assertThat(listed("chatbot=" + bot.chatbotId() + "&channel=whatsapp")).hasSize(5);
        assertThat(listed("chatbot=" + UUID.randomUUID())).isEmpty();
        assertThat(listed("owner=human&waiting=on&unassigned=on")).containsExactly(str(waiting));
        assertThat(agent.get("/console?failed=on").body()).contains("badge failed");
        assertThat(agent.get("/console?mine=on").body()).contains("Agent Person");
    }

    @Test
    void should_search_by_contact_name_phone_email_and_message_text() {
        UUID ada = conversations.add("Ada Lovelace", "+447700900123", "about the engine", at(1));
        UUID grace = conversations.add("Grace Hopper", "+15550101010", "my order 4711 is late", at(2));
        jdbc.sql("""
                        insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id)
                        select chatbot_id, 'email', 'grace@navy.example', contact_id, organization_id
                        from conversations where id = ?""").params(grace).update();

        assertThat(listed("q=lovelace")).containsExactly(str(ada));
        assertThat(listed("q=" + enc("+44 7700 900"))).containsExactly(str(ada));
        assertThat(listed("q=NAVY.example")).containsExactly(str(grace));
        assertThat(listed("q=" + enc("order 4711"))).containsExactly(str(grace));
        assertThat(listed("q=" + enc("100%_"))).isEmpty();
        assertThat(agent.get("/console?q=nobody-matches").body()).contains("data-test=\"inbox-empty\"");
    }

    @Test
    void should_count_the_contacts_messages_after_the_viewers_read_position() {
        UUID conversation = conversations.add("Unread Person", "+15550202020", "one", at(1));
        long read = conversations.message(conversation, "user", "two", at(2));
        conversations.message(conversation, "user", "three", at(3));
        conversations.message(conversation, "assistant", "an answer", at(4));
        conversations.message(conversation, "user", "four", at(5));
        UUID other = conversations.add("Never Opened", "+15550202021", "only one", at(6));
        conversations.read(conversations.staffId(agentEmail), conversation, read);
        ConsoleHttp operator = new ConsoleHttp(port).signInAsOperator(adminToken(), bot.organizationId());

        String body = agent.get("/console").body();

        assertThat(unread(body, conversation)).isEqualTo("2");
        assertThat(unread(body, other)).isEqualTo("1");
        assertThat(operator.get("/console").body()).doesNotContain("data-test=\"unread-count\"");
    }

    @Test
    void should_answer_a_malformed_filter_with_a_400_page_not_a_server_error() {
        for (String query : List.of(
                "owner=robot",
                "chatbot=not-a-uuid",
                "channel=carrier-pigeon",
                "waiting=maybe",
                "after=garbage",
                "after=123_not-a-uuid",
                "q=" + "x".repeat(101))) {
            HttpResponse<String> page = agent.get("/console?" + query);
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("<main");
            assertThat(agent.get("/console/inbox/items?" + query, "HX-Request", "true")
                            .statusCode())
                    .as(query)
                    .isEqualTo(400);
        }
        HttpResponse<String> operatorMine = new ConsoleHttp(port)
                .signInAsOperator(adminToken(), bot.organizationId())
                .get("/console?mine=on");
        assertThat(operatorMine.statusCode()).isEqualTo(400);
    }

    @Test
    void should_answer_the_filter_forms_htmx_request_with_the_results_only() {
        conversations.add("Fragment Person", "+15550303030", "hi", at(1));

        HttpResponse<String> results = agent.get("/console?q=fragment", "HX-Request", "true");

        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body()).startsWith("<section id=\"inbox-results\"").doesNotContain("<html", "<form");
        assertThat(ids(results.body())).hasSize(1);
    }

    private List<String> listed(String query) {
        HttpResponse<String> page = agent.get("/console?" + query);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return ids(page.body());
    }

    private Instant at(int minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    private static String unread(String body, UUID conversation) {
        int start = body.indexOf("data-conversation-id=\"" + conversation + "\"");
        int end = body.indexOf("</li>", start);
        Matcher count =
                Pattern.compile("data-test=\"unread-count\"[^>]*>(\\d+)<").matcher(body.substring(start, end));
        return count.find() ? count.group(1) : "none";
    }

    private String adminToken() {
        return io.parley.testing.ParleyTestContext.ADMIN_TOKEN;
    }

    private void post(Tenants.WhatsAppBot b, String from, String text) {
        assertThat(Webhooks.post(
                                api,
                                WhatsAppPayloads.text(b.phoneNumberId(), from, WhatsAppPayloads.newWamid(), text),
                                b.appSecret())
                        .status())
                .isEqualTo(200);
    }

    private static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = ITEM.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static String str(UUID id) {
        return id.toString();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
