package io.parley.console.usage;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import io.parley.usage.ContactUsage;
import io.parley.usage.DailyUsage;
import io.parley.usage.EffectiveLimits;
import io.parley.usage.Limits;
import io.parley.usage.UsageBreakdown;
import io.parley.usage.UsageLedger;
import io.parley.usage.UsagePeriod;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The usage page: charts per day by chatbot and by model, the plan's monthly limits, and the busiest contacts. */
@Controller
@ConsoleAccess(Role.ADMIN)
class UsagePageController {
    private static final int TOP_CONTACTS = 10;

    private final UsageBreakdown breakdown;
    private final UsageLedger ledger;
    private final Limits limits;
    private final Chatbots chatbots;
    private final Contacts contacts;
    private final JsonMapper json;
    private final Clock clock;

    UsagePageController(
            UsageBreakdown breakdown,
            UsageLedger ledger,
            Limits limits,
            Chatbots chatbots,
            Contacts contacts,
            JsonMapper json,
            Clock clock) {
        this.breakdown = breakdown;
        this.ledger = ledger;
        this.limits = limits;
        this.chatbots = chatbots;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/console/usage")
    String usage(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request,
            Model model) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        UsagePeriodInput period = UsagePeriodInput.of(from, to, clock);
        List<DailyUsage> rows = breakdown.daily(organization, period.startInstant(), period.endInstant());
        List<UsageChart> charts = UsageCharts.of(rows, period.days(), chatbotNames(organization));
        Map<String, String> chartData = new LinkedHashMap<>();
        charts.forEach(c -> chartData.put(c.id(), json.writeValueAsString(c.data())));
        model.addAttribute("period", period);
        model.addAttribute("charts", charts);
        model.addAttribute("chartData", chartData);
        model.addAttribute("hasUsage", !rows.isEmpty());
        model.addAttribute("gauges", gauges(organization));
        model.addAttribute("topContacts", topContacts(organization, period));
        return "console/usage";
    }

    Map<ChatbotId, String> chatbotNames(OrganizationId organization) {
        return chatbots.list(organization).stream().collect(Collectors.toMap(Chatbot::id, Chatbot::name, (a, b) -> a));
    }

    private List<LimitGauge> gauges(OrganizationId organization) {
        UsagePeriod used = ledger.currentPeriod(organization);
        EffectiveLimits effective = limits.effective(organization);
        return List.of(
                LimitGauge.of("messages", used.messages(), effective.monthlyMessages()),
                LimitGauge.of("tokens", used.tokensIn() + used.tokensOut(), effective.monthlyTokens()),
                new LimitGauge("cost", used.cost(), effective.monthlyCostBudget()));
    }

    private List<TopContact> topContacts(OrganizationId organization, UsagePeriodInput period) {
        List<ContactUsage> top =
                breakdown.topContacts(organization, period.startInstant(), period.endInstant(), TOP_CONTACTS);
        Map<ContactId, Contact> known =
                contacts.findAll(top.stream().map(ContactUsage::contactId).toList());
        return top.stream()
                .map(u -> {
                    Contact contact = known.get(u.contactId());
                    String id = u.contactId().value().toString();
                    String name = contact == null
                                    || contact.displayName() == null
                                    || contact.displayName().isBlank()
                            ? id.substring(0, 8)
                            : contact.displayName();
                    return new TopContact(id, name, u.messages(), u.tokens(), u.cost());
                })
                .toList();
    }
}
