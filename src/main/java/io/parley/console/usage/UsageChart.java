package io.parley.console.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One chart of the usage page: a metric per day, one series per chatbot or model. The same numbers feed the canvas
 * (as JSON in a data attribute) and the table beside it.
 *
 * @param id      the element id ({@code usage-messages-chatbot}, ...)
 * @param metric  {@code messages}, {@code tokens} or {@code cost}
 * @param split   {@code chatbot} or {@code model}
 */
record UsageChart(String id, String metric, String split, List<LocalDate> days, List<Series> series) {
    record Series(String name, List<BigDecimal> values) {
        public BigDecimal total() {
            return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public boolean empty() {
        return series.isEmpty();
    }

    /** What insights.js hands to Chart.js: labels and datasets, numbers as JSON numbers. */
    public java.util.Map<String, Object> data() {
        return java.util.Map.of(
                "metric",
                metric,
                "labels",
                days.stream().map(LocalDate::toString).toList(),
                "datasets",
                series.stream()
                        .map(s -> java.util.Map.of("label", s.name(), "data", s.values()))
                        .toList());
    }

    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
