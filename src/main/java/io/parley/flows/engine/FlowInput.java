package io.parley.flows.engine;

import io.parley.flows.parse.MediaItem;
import java.util.List;
import java.util.Map;

/** What moves a flow: a message of the contact, or an event (a payment's outcome, a timer, a release). */
public sealed interface FlowInput permits FlowInput.Reply, FlowInput.Event {

    /**
     * A message of the contact.
     *
     * @param text      the text or caption (empty for media without one)
     * @param choiceId  the id of the button or list row the contact picked, or null
     * @param media     the media items of the message
     * @param messageId the stored message's id (kept with the answer), or null
     */
    record Reply(String text, String choiceId, List<MediaItem> media, String messageId) implements FlowInput {
        public Reply {
            text = text == null ? "" : text;
            media = media == null ? List.of() : List.copyOf(media);
        }

        public static Reply text(String text) {
            return new Reply(text, null, List.of(), null);
        }
    }

    /**
     * An event for the step waiting on it, e.g. {@code paid}, {@code expired}, {@code failed} of a payment, or
     * {@code timeout} of a {@code wait}.
     *
     * @param data what came with it (e.g. {@code {reference}})
     */
    record Event(String name, Map<String, Object> data) implements FlowInput {
        public Event {
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }
}
