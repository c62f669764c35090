package io.parley.flows.definition;

import java.util.List;

/**
 * What a {@code say} or an {@code ask} sends: text with {@code {{...}}} placeholders, optionally a media reference,
 * at most three buttons or a list of at most ten rows. A list may instead come from data at run time
 * ({@code rowsFrom}, e.g. {@code vars.find_slots}).
 */
public record Message(String text, String media, List<Choice> buttons, List<Choice> rows, String rowsFrom) {
    public Message {
        buttons = List.copyOf(buttons);
        rows = List.copyOf(rows);
    }

    public static Message text(String text) {
        return new Message(text, null, List.of(), List.of(), null);
    }

    /** A button or list row; {@code id} defaults to the title in lower case with underscores. */
    public record Choice(String id, String title, String description) {}
}
