package io.parley.templates;

import java.util.List;

/** What a sender does with free text for a conversation: send it, send a template instead, or fail it. */
public sealed interface WindowDecision {
    /** The window is open (or the channel has none): send the text. */
    record Open() implements WindowDecision {}

    /**
     * The window is closed: send this template instead of the text.
     *
     * @param parameters   the body parameters, resolved for this contact
     * @param renderedText the template body with the parameters filled in, for the transcript
     */
    record UseTemplate(String name, String language, List<String> parameters, String renderedText)
            implements WindowDecision {
        public UseTemplate {
            parameters = List.copyOf(parameters);
        }

        /** The Graph API message fields for this template; the sender adds {@code messaging_product} and {@code to}. */
        public java.util.Map<String, Object> graphPayload() {
            return TemplatePayload.of(name, language, parameters);
        }
    }

    /** The window is closed and no usable template replaces the text: the message fails as {@code window_closed}. */
    record Closed(String reason) implements WindowDecision {
        public static final String STATUS = "window_closed";
    }
}
