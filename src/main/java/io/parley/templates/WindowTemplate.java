package io.parley.templates;

import java.util.List;

/**
 * A chatbot's re-engagement template: sent instead of free text once a contact's 24-hour window has closed.
 *
 * @param parameters one expression per body placeholder, e.g. {@code "{{contact.name|there}}"}
 */
public record WindowTemplate(String name, String language, List<String> parameters) {
    public WindowTemplate {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
