package io.parley.console.usage;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import io.parley.usage.DailyUsage;
import io.parley.usage.UsageBreakdown;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The usage export: one CSV row per day, chatbot and model over the chosen period. Cells that a spreadsheet would
 * read as a formula (a chatbot named {@code =...}) are prefixed with an apostrophe.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class UsageCsvController {
    static final String HEADER = "day,chatbot_id,chatbot,model,messages,tokens_in,tokens_out,cost,unpriced";

    private final UsageBreakdown breakdown;
    private final Chatbots chatbots;
    private final Clock clock;

    UsageCsvController(UsageBreakdown breakdown, Chatbots chatbots, Clock clock) {
        this.breakdown = breakdown;
        this.chatbots = chatbots;
        this.clock = clock;
    }

    @GetMapping("/console/usage.csv")
    ResponseEntity<byte[]> export(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        UsagePeriodInput period = UsagePeriodInput.of(from, to, clock);
        Map<ChatbotId, String> names =
                chatbots.list(organization).stream().collect(Collectors.toMap(Chatbot::id, Chatbot::name, (a, b) -> a));
        List<DailyUsage> rows = breakdown.daily(organization, period.startInstant(), period.endInstant());
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (DailyUsage row : rows) {
            csv.append(String.join(
                            ",",
                            row.day().toString(),
                            row.chatbotId().value().toString(),
                            cell(names.getOrDefault(row.chatbotId(), "")),
                            cell(row.model()),
                            Long.toString(row.messages()),
                            Long.toString(row.tokensIn()),
                            Long.toString(row.tokensOut()),
                            UsageChart.plain(row.cost()),
                            Long.toString(row.unpriced())))
                    .append("\r\n");
        }
        String file = "usage-" + period.from() + "-" + period.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4180 quoting, and no formula injection. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
