package io.parley.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The usage, plan and limits API: numbers, history groups, plan changes, overrides, tenant isolation. */
class UsageApiIntegrationTest extends IntegrationTestSupport {
    @Test
    void should_report_the_current_period_and_history_groups_when_two_contacts_were_answered() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help.");
        WhatsAppChat ana = WhatsAppChat.start(api, bot);
        WhatsAppChat ben = WhatsAppChat.start(api, bot);
        ana.says("Hi");
        ana.awaitReceived(1);
        ben.says("Hello");
        ben.awaitReceived(1);
        ana.says("Again");
        ana.awaitReceived(2);

        JsonNode usage = get(bot, "/usage");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        assertThat(usage.path("periodStart").asString()).isEqualTo(month.atDay(1) + "T00:00:00Z");
        assertThat(usage.path("periodEnd").asString())
                .isEqualTo(month.plusMonths(1).atDay(1) + "T00:00:00Z");
        assertThat(usage.path("messages").asLong()).isEqualTo(3);
        assertThat(usage.path("tokensIn").asLong()).isEqualTo(3 * 42);
        assertThat(usage.path("tokensOut").asLong()).isEqualTo(3 * 7);
        assertThat(usage.path("limits").path("plan").asString()).isEqualTo("free");
        assertThat(usage.path("limits").path("maxMessageLength").asInt()).isEqualTo(2000);

        JsonNode byContact = get(bot, "/usage?groupBy=contact");
        assertThat(byContact.path("groups")).hasSize(2);
        assertThat(byContact.path("groups").findValues("messages").stream().map(JsonNode::asLong))
                .containsExactlyInAnyOrder(2L, 1L);
        JsonNode byModel = get(bot, "/usage?groupBy=model");
        assertThat(byModel.path("groups")).hasSize(1);
        assertThat(byModel.path("groups").get(0).path("key").asString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(byModel.path("groups").get(0).path("tokensIn").asLong()).isEqualTo(3 * 42);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode byDay = get(
                bot,
                "/usage?from=" + today + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1) + "&groupBy=day");
        assertThat(byDay.path("groups")).hasSize(1);
        assertThat(byDay.path("groups").get(0).path("key").asString()).isEqualTo(today);
        assertThat(byDay.path("messages").asLong()).isEqualTo(3);
        assertThat(get(bot, "/usage?groupBy=chatbot")
                        .path("groups")
                        .get(0)
                        .path("key")
                        .asString())
                .isEqualTo(bot.chatbotId());
        assertThat(get(bot, "/usage?from=2020-01-01&to=2020-02-01")
                        .path("messages")
                        .asLong())
                .isZero();
    }

    @Test
    void should_change_the_effective_limits_when_the_plan_changes_and_keep_overrides() {
        String org = Tenants.organization(api, "Plans " + UUID.randomUUID());
        Api.Response put = api.put("/api/v1/organizations/" + org + "/plan", "{\"plan\": \"starter\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("plan").asString()).isEqualTo("starter");
        assertThat(put.json().path("maxMessageLength").asInt()).isEqualTo(5000);

        Api.Response patch = api.patch("/api/v1/organizations/" + org + "/limits", """
                {"monthlyMessages": 3, "ratePerHourPerContact": 7, "monthlyCostBudget": 12.5}""");
        assertThat(patch.status()).as(patch.body()).isEqualTo(200);
        assertThat(patch.json().path("monthlyMessages").asLong()).isEqualTo(3);
        assertThat(patch.json().path("ratePerHourPerContact").asInt()).isEqualTo(7);
        assertThat(patch.json().path("monthlyCostBudget").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(patch.json().path("monthlyTokens").asLong())
                .as("still the plan's")
                .isEqualTo(10_000_000L);

        Api.Response pro = api.put("/api/v1/organizations/" + org + "/plan", "{\"plan\": \"pro\"}");
        assertThat(pro.json().path("maxMessageLength").asInt()).isEqualTo(10000);
        assertThat(pro.json().path("monthlyMessages").asLong())
                .as("the override stays")
                .isEqualTo(3);
        assertThat(api.put("/api/v1/organizations/" + org + "/plan", "{\"plan\": \"gold\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/organizations/" + org + "/limits", "{\"monthlyMessages\": -1}")
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/organizations/" + org + "/usage")
                        .json()
                        .path("limits")
                        .path("plan")
                        .asString())
                .isEqualTo("pro");
    }

    @Test
    void should_let_the_operator_edit_a_plan() {
        Api.Response plans = api.get("/api/v1/plans");
        assertThat(plans.json().findValues("name").stream().map(JsonNode::asString))
                .contains("free", "starter", "pro", "enterprise");
        assertThat(api.get("/api/v1/plans/enterprise")
                        .json()
                        .path("monthlyMessages")
                        .isNumber())
                .as("unlimited")
                .isFalse();
        String org = Tenants.organization(api, "Plans " + UUID.randomUUID());
        api.put("/api/v1/organizations/" + org + "/plan", "{\"plan\": \"enterprise\"}");

        Api.Response edited = api.put("/api/v1/plans/enterprise", """
                {"maxMessageLength": 12000}""");

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/organizations/" + org + "/limits")
                        .json()
                        .path("maxMessageLength")
                        .asInt())
                .isEqualTo(12000);
        assertThat(api.put("/api/v1/plans/enterprise", "{\"maxMessageLength\": 10000}")
                        .status())
                .isEqualTo(200);
        assertThat(api.put("/api/v1/plans/NotAName", "{}").status()).isEqualTo(400);
    }

    @Test
    void should_refuse_a_cost_budget_or_price_the_database_cannot_hold_with_a_400_naming_the_field() {
        String org = Tenants.organization(api, "Budgets " + UUID.randomUUID());
        String plan = "budget-" + UUID.randomUUID().toString().substring(0, 8);
        String model = "model-" + UUID.randomUUID();

        // 99999999.9999999 rounds to 10^8, which numeric(14, 6) cannot hold; 1e999999999 must cost nothing to refuse
        for (String budget : new String[] {"100000000", "99999999.9999999", "1e999999999"}) {
            Api.Response patch =
                    api.patch("/api/v1/organizations/" + org + "/limits", "{\"monthlyCostBudget\": " + budget + "}");
            Api.Response put = api.put("/api/v1/plans/" + plan, "{\"monthlyCostBudget\": " + budget + "}");
            assertThat(patch.status()).as(budget + ": " + patch.body()).isEqualTo(400);
            assertThat(patch.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("monthlyCostBudget");
            assertThat(put.status()).as(budget + ": " + put.body()).isEqualTo(400);
        }
        Api.Response price = api.put("/api/v1/prices", """
                {"provider": "openai", "model": "%s", "inputPer1k": 999999.999999999, "outputPer1k": 0}""".formatted(model));
        assertThat(price.status()).as(price.body()).isEqualTo(400);
        assertThat(price.json().path("errors").get(0).path("field").asString()).isEqualTo("inputPer1k");

        Api.Response largest =
                api.patch("/api/v1/organizations/" + org + "/limits", "{\"monthlyCostBudget\": 99999999.999999}");
        assertThat(largest.status()).as(largest.body()).isEqualTo(200);
        assertThat(largest.json().path("monthlyCostBudget").decimalValue()).isEqualByComparingTo("99999999.999999");
        assertThat(api.put("/api/v1/prices", """
                {"provider": "openai", "model": "%s", "inputPer1k": 999999.99999999, "outputPer1k": 0}""".formatted(model)).status()).isEqualTo(200);
        Api.Response tiny =
                api.patch("/api/v1/organizations/" + org + "/limits", "{\"monthlyCostBudget\": 1e-999999999}");
        assertThat(tiny.status()).as("rounds to 0: " + tiny.body()).isEqualTo(200);
        assertThat(tiny.json().path("monthlyCostBudget").decimalValue()).isEqualByComparingTo("0");
        Api.Response tinyPrice = api.put("/api/v1/prices", """
                {"provider": "openai", "model": "%s", "inputPer1k": 1e-999999999, "outputPer1k": 0.000000005}""".formatted(model));
        assertThat(tinyPrice.status()).as(tinyPrice.body()).isEqualTo(200);
        assertThat(tinyPrice.json().path("outputPer1k").decimalValue()).isEqualByComparingTo("0.00000001");
    }

    @Test
    void should_refuse_a_from_or_to_outside_the_years_1_to_9999_with_a_400_naming_the_field() {
        String org = Tenants.organization(api, "Far " + UUID.randomUUID());
        String usage = "/api/v1/organizations/" + org + "/usage";

        Api.Response overflow = api.get(usage + "?from=-999999999-01-01T00:00:00Z&to=2026-01-01");
        Api.Response beyondPostgres = api.get(usage + "?from=2026-01-01&to=%2B300000-01-01T00:00:00Z");
        Api.Response widest = api.get(usage + "?from=0001-01-01&to=9999-12-31&groupBy=day");

        assertThat(overflow.status()).as(overflow.body()).isEqualTo(400);
        assertThat(overflow.json().path("field").asString()).isEqualTo("from");
        assertThat(beyondPostgres.status()).as(beyondPostgres.body()).isEqualTo(400);
        assertThat(beyondPostgres.json().path("field").asString()).isEqualTo("to");
        assertThat(widest.status()).as(widest.body()).isEqualTo(200);
    }

    @Test
    void should_answer_404_when_the_organization_is_unknown_or_malformed() {
        for (String org : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
            String base = "/api/v1/organizations/" + org;
            assertThat(api.get(base + "/usage").status()).isEqualTo(404);
            assertThat(api.get(base + "/limits").status()).isEqualTo(404);
            assertThat(api.patch(base + "/limits", "{\"monthlyMessages\": 1}").status())
                    .isEqualTo(404);
            assertThat(api.put(base + "/plan", "{\"plan\": \"pro\"}").status()).isEqualTo(404);
        }
    }

    private JsonNode get(Tenants.WhatsAppBot bot, String path) {
        Api.Response response = api.get("/api/v1/organizations/" + bot.organizationId() + path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
