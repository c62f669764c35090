package io.parley.console.usage;

import java.math.BigDecimal;

/** A row of the usage page's top contacts: who, and what answering them used. */
record TopContact(String contactId, String name, long messages, long tokens, BigDecimal cost) {
    public String costText() {
        return UsageChart.plain(cost);
    }
}
