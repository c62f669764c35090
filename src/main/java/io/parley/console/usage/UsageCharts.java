package io.parley.console.usage;

import io.parley.platform.ChatbotId;
import io.parley.usage.DailyUsage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns the ledger's rows per day, chatbot and model into the six charts: three metrics, each by chatbot and by model. */
final class UsageCharts {
    private UsageCharts() {}

    static List<UsageChart> of(List<DailyUsage> rows, List<LocalDate> days, Map<ChatbotId, String> chatbotNames) {
        Function<DailyUsage, String> byChatbot = r ->
                chatbotNames.getOrDefault(r.chatbotId(), r.chatbotId().value().toString());
        Function<DailyUsage, String> byModel = DailyUsage::model;
        List<UsageChart> charts = new ArrayList<>();
        for (String metric : List.of("messages", "tokens", "cost")) {
            charts.add(chart(metric, "chatbot", byChatbot, rows, days));
            charts.add(chart(metric, "model", byModel, rows, days));
        }
        return charts;
    }

    private static UsageChart chart(
            String metric,
            String split,
            Function<DailyUsage, String> key,
            List<DailyUsage> rows,
            List<LocalDate> days) {
        Map<String, Map<LocalDate, BigDecimal>> bySeries = new TreeMap<>();
        for (DailyUsage row : rows) {
            bySeries.computeIfAbsent(key.apply(row), k -> new TreeMap<>())
                    .merge(row.day(), value(metric, row), BigDecimal::add);
        }
        List<UsageChart.Series> series = bySeries.entrySet().stream()
                .map(e -> new UsageChart.Series(
                        e.getKey(),
                        days.stream()
                                .map(d -> e.getValue().getOrDefault(d, BigDecimal.ZERO))
                                .map(UsageCharts::normalized)
                                .toList()))
                .toList();
        return new UsageChart("usage-" + metric + "-" + split, metric, split, days, series);
    }

    private static BigDecimal value(String metric, DailyUsage row) {
        return switch (metric) {
            case "messages" -> BigDecimal.valueOf(row.messages());
            case "tokens" -> BigDecimal.valueOf(row.tokens());
            default -> row.cost();
        };
    }

    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
