package io.parley.console.inbox;

import io.parley.conversation.ConversationDesk;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.conversation.DeskNote;
import io.parley.conversation.MessageEntry;
import io.parley.events.StoredEvent;
import io.parley.events.SystemEvents;
import io.parley.media.MediaInfo;
import io.parley.media.MediaLibrary;
import io.parley.platform.MessageId;
import io.parley.tools.Tools;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assembles a conversation's transcript for the console: the newest messages with media and delivery state, the
 * bot's tool calls, internal notes and the newest system events of this conversation, oldest first.
 * Also answers a short fingerprint of what the page shows, so the page's poll can skip rendering when nothing changed.
 */
@Component
class ConversationTimeline {
    static final int MESSAGES = 200;
    /** The newest events of the conversation shown; older ones remain on the events page. */
    static final int EVENTS = 200;
    /** Events about what happened to the conversation; usage and billing notices stay on the events page. */
    private static final List<String> SHOWN_EVENTS = List.of("delivery.", "turn.", "message.", "conversation.");

    private final Conversations conversations;
    private final ConversationDesk desk;
    private final MediaLibrary media;
    private final Tools tools;
    private final SystemEvents events;
    private final JsonMapper json;

    ConversationTimeline(
            Conversations conversations,
            ConversationDesk desk,
            MediaLibrary media,
            Tools tools,
            SystemEvents events,
            JsonMapper json) {
        this.conversations = conversations;
        this.desk = desk;
        this.media = media;
        this.tools = tools;
        this.events = events;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** What the page shows, and the fingerprint of it. */
    record Timeline(List<ConversationItem> items, long lastSequence, int messageCount, String fingerprint) {}

    /** The messages and notes only, enough to tell whether the page is still current. */
    record Snapshot(List<MessageEntry> messages, List<DeskNote> notes, String fingerprint) {
        long lastSequence() {
            return messages.isEmpty() ? 0 : messages.getLast().sequence();
        }
    }

    Snapshot snapshot(ConversationSummary conversation, String assignee, boolean windowOpen) {
        List<MessageEntry> messages = conversations.messages(conversation.id(), MESSAGES);
        List<DeskNote> notes = desk.notes(conversation.id());
        StringBuilder state = new StringBuilder()
                .append(conversation.owner().wireName())
                .append('|')
                .append(assignee)
                .append('|')
                .append(windowOpen)
                .append('|')
                .append(notes.size());
        for (MessageEntry m : messages) {
            state.append('|').append(m.sequence());
            if (m.delivery() != null) {
                state.append(':').append(m.delivery().status().wireName());
            }
        }
        return new Snapshot(
                messages, notes, Integer.toHexString(state.toString().hashCode()));
    }

    private String pretty(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return json.writeValueAsString(json.readTree(raw));
        } catch (JacksonException e) {
            return raw;
        }
    }

    Timeline timeline(ConversationSummary conversation, Snapshot snapshot) {
        List<MessageEntry> messages = snapshot.messages();
        Map<MessageId, MediaInfo> attachments =
                media.forMessages(messages.stream().map(MessageEntry::id).toList());
        List<ConversationItem> others = new ArrayList<>();
        snapshot.notes().forEach(n -> others.add(ConversationItem.note(n)));
        // Only a transcript cut at MESSAGES drops what is older than its first message. Events carry the database's
        // time and messages the application's clock, so comparing them otherwise could hide an event recorded
        // right after the first message.
        java.time.Instant since = messages.size() < MESSAGES
                ? java.time.Instant.MIN
                : messages.getFirst().createdAt();
        tools.executions(conversation.id()).stream()
                .filter(t -> !t.createdAt().isBefore(since))
                .forEach(t -> others.add(ConversationItem.tool(t, pretty(t.argumentsJson()), pretty(t.resultJson()))));
        events.ofConversation(conversation.organizationId(), conversation.id(), EVENTS).stream()
                .map(StoredEvent::event)
                .filter(e -> SHOWN_EVENTS.stream().anyMatch(e.type()::startsWith))
                .filter(e -> e.occurredAt() != null && !e.occurredAt().isBefore(since))
                .forEach(e -> others.add(ConversationItem.event(e)));
        others.sort(Comparator.comparing(ConversationItem::at));
        // Messages keep their sequence order; everything else goes before the first message not older than it.
        List<ConversationItem> items = new ArrayList<>();
        int next = 0;
        for (MessageEntry m : messages) {
            while (next < others.size() && others.get(next).at().isBefore(m.createdAt())) {
                items.add(others.get(next++));
            }
            items.add(ConversationItem.message(
                    m,
                    attachments.get(m.id()),
                    m.details() == null || m.details().isEmpty() ? null : json.writeValueAsString(m.details())));
        }
        items.addAll(others.subList(next, others.size()));
        return new Timeline(
                List.copyOf(items),
                snapshot.lastSequence(),
                (int) items.stream().filter(ConversationItem::spoken).count(),
                Objects.requireNonNull(snapshot.fingerprint()));
    }
}
