package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import io.parley.flows.definition.Message.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code say} or {@code ask} value: a text, or {@code {text, media, buttons | list}}. At most three buttons
 * of at most 20 characters and at most ten list rows (the limits the channels share); a list may name data instead
 * ({@code list: vars.find_slots}), then its size is the engine's to cut.
 */
final class Messages {
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_ROWS = 10;
    static final int MAX_ROW_TITLE = 24;
    private static final Set<String> KEYS = Set.of("text", "media", "buttons", "list");
    private static final Set<String> CHOICE_KEYS = Set.of("id", "title", "description");
    private static final Pattern DATA_PATH = Pattern.compile("(answers|vars)\\.[a-z0-9_]+(\\.[a-z0-9_]+)*");

    private final Fields fields;

    Messages(Fields fields) {
        this.fields = fields;
    }

    Message read(JsonNode value, Where where) {
        if (value.isString()) {
            String text = fields.text(value.asString(), where, null);
            Placeholders.check(text, where, null, fields.findings());
            return text == null ? null : Message.text(text);
        }
        if (!fields.object(value, where, null)) {
            return null;
        }
        fields.onlyKeys(value, where, KEYS);
        String text = fields.text(value, where, "text", true);
        Placeholders.check(text, where, "text", fields.findings());
        String media = fields.text(value, where, "media", false);
        if (media != null && (!media.startsWith("https://") || media.length() > 2000 || media.contains(" "))) {
            fields.findings().add(where, "media", "must be an https URL of the image, video, audio or document");
        }
        List<Choice> buttons = List.of();
        List<Choice> rows = List.of();
        String rowsFrom = null;
        if (value.has("buttons") && value.has("list")) {
            fields.findings().add(where, "list", "use buttons or list, not both");
        }
        if (value.has("buttons")) {
            buttons = choices(value.get("buttons"), where, "buttons", MAX_BUTTONS, MAX_BUTTON_TITLE);
        }
        JsonNode list = value.get("list");
        if (list != null && list.isString()) {
            rowsFrom = list.asString().strip();
            if (!DATA_PATH.matcher(rowsFrom).matches()) {
                fields.findings().add(where, "list", "must be a list of rows or a path such as vars.find_slots");
                rowsFrom = null;
            }
        } else if (list != null) {
            rows = choices(list, where, "list", MAX_ROWS, MAX_ROW_TITLE);
        }
        return new Message(text, media, buttons, rows, rowsFrom);
    }

    private List<Choice> choices(JsonNode node, Where where, String field, int max, int maxTitle) {
        String what = field.equals("buttons") ? "buttons" : "rows";
        if (!node.isArray() || node.isEmpty()) {
            fields.findings().add(where, field, "must be a non-empty list");
            return List.of();
        }
        if (node.size() > max) {
            fields.findings()
                    .add(where, field, "has " + node.size() + " " + what + "; at most " + max + " are allowed");
        }
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = field + "[" + i + "]";
            Choice choice = choice(node.get(i), where, at);
            if (choice == null) {
                continue;
            }
            if (choice.title().codePointCount(0, choice.title().length()) > maxTitle) {
                fields.findings().add(where, at, "'" + choice.title() + "' is longer than " + maxTitle + " characters");
            }
            choices.add(choice);
        }
        return choices;
    }

    private Choice choice(JsonNode item, Where where, String at) {
        if (item.isString() || item.isNumber()) {
            String title = fields.text(item.asString(), where, at);
            return title == null ? null : new Choice(slug(title), title, null);
        }
        if (!fields.object(item, where, at)) {
            return null;
        }
        Where inner = where.field(at);
        fields.onlyKeys(item, inner, CHOICE_KEYS);
        String title = fields.text(item, inner, "title", true);
        String id = fields.text(item, inner, "id", false);
        String description = fields.text(item, inner, "description", false);
        return title == null ? null : new Choice(id == null ? slug(title) : id, title, description);
    }

    /** "Fine line" → {@code fine_line}: the id a button gets when only its title is written. */
    static String slug(String title) {
        return title.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "_")
                .replaceAll("^_+|_+$", "");
    }
}
