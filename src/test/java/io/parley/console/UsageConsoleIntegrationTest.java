package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.contacts.ContactIdentity;
import io.parley.contacts.Contacts;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.usage.UsageLedger;
import io.parley.usage.UsageRecord;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The usage page and its CSV export over HTTP: the recorded numbers, bad periods, roles and other organizations. */
class UsageConsoleIntegrationTest extends IntegrationTestSupport {
    @Autowired
    UsageLedger ledger;

    @Autowired
    Contacts contacts;

    Recorded usage;

    /** What {@link #record} put in the ledger: two chatbots, two models, one contact, all today (UTC). */
    record Recorded(Tenants.WhatsAppBot bot, String salesBotId, ContactId contact, LocalDate day, String period) {}

    /**
     * Records three turns: "Support" on openai/gpt-4o-mini twice for one contact (100+20 tokens, 0.0123; 50+10,
     * 0.0077), "Sales" on anthropic/claude-3-haiku once (30+5, 0.5).
     */
    static Recorded record(Api api, JdbcClient jdbc, Instant now, UsageLedger ledger, Contacts contacts) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        OrganizationId org = new OrganizationId(UUID.fromString(bot.organizationId()));
        Api.Response salesBot = api.post(
                "/api/v1/organizations/" + bot.organizationId() + "/chatbots",
                "{\"name\": \"Sales\", \"systemPrompt\": \"You sell.\", \"model\": {\"provider\": \"offline\"}}");
        assertThat(salesBot.status()).as(salesBot.body()).isEqualTo(201);
        String sales = salesBot.text("id");
        ChatbotId support = new ChatbotId(UUID.fromString(bot.chatbotId()));
        ContactId contact = contacts.findOrCreate(
                org, support, ContactIdentity.whatsApp("4915" + (10000000 + (int) (Math.random() * 8999999))), now);
        ledger.record(new UsageRecord(
                org, support, contact, null, null, "openai", "gpt-4o-mini", 100, 20, new BigDecimal("0.0123")));
        ledger.record(new UsageRecord(
                org, support, contact, null, null, "openai", "gpt-4o-mini", 50, 10, new BigDecimal("0.0077")));
        ledger.record(new UsageRecord(
                org,
                new ChatbotId(UUID.fromString(sales)),
                null,
                null,
                null,
                "anthropic",
                "claude-3-haiku",
                30,
                5,
                new BigDecimal("0.5")));
        LocalDate day = jdbc.sql("select (now() at time zone 'UTC')::date")
                .query(LocalDate.class)
                .single();
        return new Recorded(bot, sales, contact, day, "from=" + day + "&to=" + day);
    }

    @BeforeEach
    void recorded() {
        usage = record(api, jdbc, time.now(), ledger, contacts);
    }

    @Test
    void should_export_one_csv_row_per_day_chatbot_and_model() {
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> csv = admin.get("/console/usage.csv?" + usage.period());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"usage-" + usage.day() + "-" + usage.day() + ".csv\"");
        assertThat(csv.body().split("\r\n"))
                .containsExactlyInAnyOrder(
                        "day,chatbot_id,chatbot,model,messages,tokens_in,tokens_out,cost,unpriced",
                        usage.day() + "," + usage.bot().chatbotId() + ",Support,openai/gpt-4o-mini,2,150,30,0.02,0",
                        usage.day() + "," + usage.salesBotId() + ",Sales,anthropic/claude-3-haiku,1,30,5,0.5,0");
        assertThat(csv.body()).startsWith("day,chatbot_id,");
    }

    @Test
    void should_show_the_numbers_in_the_tables_and_the_limits_as_gauges() {
        api.patch("/api/v1/organizations/" + usage.bot().organizationId() + "/limits", "{\"monthlyMessages\": 10}");
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> page = admin.get("/console/usage?" + usage.period());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-test=\"usage-chart\"", "id=\"usage-cost-model\"", "3 of 10 (30 %)")
                .contains("data-contact-id=\"" + usage.contact().value() + "\"")
                .contains("<td>0.02</td>", "<td>0.5</td>", "<td>180</td>", "<td>35</td>");
    }

    @Test
    void should_refuse_a_period_that_ends_before_it_starts_or_is_not_a_date() {
        ConsoleHttp admin = signedIn("admin");

        assertThat(admin.get("/console/usage?from=2026-05-02&to=2026-05-01").statusCode())
                .isEqualTo(400);
        assertThat(admin.get("/console/usage.csv?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(admin.get("/console/usage?from=2024-01-01&to=2026-01-01").statusCode())
                .isEqualTo(400);
    }

    @Test
    void should_show_an_empty_state_for_a_period_without_usage() {
        HttpResponse<String> page = signedIn("admin").get("/console/usage?from=2001-01-01&to=2001-01-31");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-test=\"usage-empty\"").doesNotContain("data-test=\"usage-chart\"");
    }

    @Test
    void should_not_show_another_organizations_usage() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        ConsoleHttp stranger = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, other.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        HttpResponse<String> csv = stranger.get("/console/usage.csv?" + usage.period());

        assertThat(csv.body().split("\r\n"))
                .containsExactly("day,chatbot_id,chatbot,model,messages,tokens_in,tokens_out,cost,unpriced");
    }

    @Test
    void should_show_agents_the_not_allowed_page_and_no_links() {
        ConsoleHttp agent = signedIn("agent");

        HttpResponse<String> page = agent.get("/console/usage");
        HttpResponse<String> csv = agent.get("/console/usage.csv");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("data-test=\"forbidden\"").doesNotContain("data-test=\"nav-usage\"");
        assertThat(csv.statusCode()).isEqualTo(403);
        assertThat(csv.body()).doesNotContain("chatbot_id");
    }

    private ConsoleHttp signedIn(String role) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, usage.bot().organizationId(), role), ConsoleStaff.PASSWORD);
    }
}
