package io.parley.flows.golden;

import io.parley.flows.engine.FlowOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a golden writes a bot message: a plain text, or {@code {text, buttons}} / {@code {text, list}} (titles). */
public final class GoldenMessages {
    private GoldenMessages() {}

    public static Object of(FlowOutput.Say say) {
        if (say.buttons().isEmpty() && say.rows().isEmpty()) {
            return say.text();
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", say.text());
        if (!say.buttons().isEmpty()) {
            message.put(
                    "buttons",
                    say.buttons().stream().map(FlowOutput.Choice::title).toList());
        } else {
            message.put(
                    "list", say.rows().stream().map(FlowOutput.Choice::title).toList());
        }
        return message;
    }
}
