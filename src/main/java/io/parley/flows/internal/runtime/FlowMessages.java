package io.parley.flows.internal.runtime;

import io.parley.delivery.OutboundContent;
import io.parley.flows.engine.FlowOutput;
import java.util.List;

/**
 * A flow's message as outbound content: its media by link, then a text; up to three reply buttons; or a list of up to ten rows behind a
 * "Choose" button (titles cut to the channel limits the definition checks already: 20 for buttons, 24 for rows).
 */
final class FlowMessages {
    private FlowMessages() {}

    /** The media of the message first (by its https link), then the text with its buttons or list. */
    static List<OutboundContent> contents(FlowOutput.Say say) {
        if (say.media() == null) {
            return List.of(content(say));
        }
        return List.of(new OutboundContent.Media(mediaKind(say.media()), say.media(), null, null, null), content(say));
    }

    /** The kind a link's file name says (documents for anything else). */
    static String mediaKind(String link) {
        String path = link.toLowerCase(java.util.Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.matches(".*\\.(jpe?g|png|webp|gif)$")) {
            return "image";
        }
        if (path.matches(".*\\.(mp4|3gp|mov)$")) {
            return "video";
        }
        if (path.matches(".*\\.(mp3|ogg|opus|m4a|aac|amr)$")) {
            return "audio";
        }
        return "document";
    }

    static OutboundContent content(FlowOutput.Say say) {
        if (!say.buttons().isEmpty()) {
            List<OutboundContent.Button> buttons = say.buttons().stream()
                    .limit(3)
                    .map(choice -> new OutboundContent.Button(choice.id(), cut(choice.title(), 20)))
                    .toList();
            return new OutboundContent.Interactive("button", null, say.text(), null, buttons, null, null, null, null);
        }
        if (!say.rows().isEmpty()) {
            List<OutboundContent.Row> rows = say.rows().stream()
                    .limit(10)
                    .map(choice -> new OutboundContent.Row(
                            cut(choice.id(), 200), cut(choice.title(), 24), cut(choice.description(), 72)))
                    .toList();
            return new OutboundContent.Interactive(
                    "list",
                    null,
                    say.text(),
                    null,
                    null,
                    "Choose",
                    List.of(new OutboundContent.Section(null, rows)),
                    null,
                    null);
        }
        return new OutboundContent.Text(say.text());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
