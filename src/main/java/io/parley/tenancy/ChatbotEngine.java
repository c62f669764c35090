package io.parley.tenancy;

import java.util.Locale;
import java.util.Objects;

/**
 * Which engine answers a chatbot's turns.
 *
 * @param kind    the agent (free-form model turns), a flow, or an external endpoint
 * @param flowKey the flow a {@link Kind#FLOW} chatbot runs; may be set (chosen ahead) for the other kinds too
 */
public record ChatbotEngine(Kind kind, String flowKey) {
    public static final ChatbotEngine AGENT = new ChatbotEngine(Kind.AGENT, null);

    public ChatbotEngine {
        Objects.requireNonNull(kind, "kind");
    }

    /** The engines, named on the wire in lower case. */
    public enum Kind {
        AGENT,
        FLOW,
        EXTERNAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code value} on the wire, or null when there is none. */
        public static Kind fromWire(String value) {
            for (Kind kind : values()) {
                if (kind.wire().equals(value)) {
                    return kind;
                }
            }
            return null;
        }
    }
}
