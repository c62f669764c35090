package io.parley.console.inbox;

import io.parley.conversation.DeskNote;
import io.parley.conversation.MessageEntry;
import io.parley.delivery.DeliveryView;
import io.parley.events.SystemEvent;
import io.parley.media.MediaInfo;
import io.parley.media.MediaStatus;
import io.parley.tools.ToolExecution;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One entry of a conversation's transcript in the console, in time order: a message (with its media and delivery
 * state), an internal note, a system event, or a tool call the bot made. Exactly one of the payloads is set.
 */
record ConversationItem(
        Kind kind,
        Instant at,
        MessageEntry message,
        MediaInfo media,
        DeskNote note,
        SystemEvent event,
        ToolExecution tool,
        String mediaUrl,
        String detailsJson,
        String resultJson) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    enum Kind {
        MESSAGE,
        NOTE,
        EVENT,
        TOOL
    }

    static ConversationItem message(MessageEntry message, MediaInfo media, String detailsJson) {
        String url = media == null || media.status() != MediaStatus.STORED
                ? null
                : "/console/conversations/" + media.conversationId() + "/media/" + media.id();
        return new ConversationItem(
                Kind.MESSAGE, message.createdAt(), message, media, null, null, null, url, detailsJson, null);
    }

    static ConversationItem note(DeskNote note) {
        return new ConversationItem(Kind.NOTE, note.createdAt(), null, null, note, null, null, null, null, null);
    }

    static ConversationItem event(SystemEvent event) {
        return new ConversationItem(Kind.EVENT, event.occurredAt(), null, null, null, event, null, null, null, null);
    }

    static ConversationItem tool(ToolExecution tool, String argumentsJson, String resultJson) {
        return new ConversationItem(
                Kind.TOOL, tool.createdAt(), null, null, null, null, tool, null, argumentsJson, resultJson);
    }

    /** When, for people: minutes in UTC (the {@code datetime} attribute carries the instant). */
    public String time() {
        return at == null ? "" : TIME.format(at);
    }

    /** The knowledge search tool's calls show as the passages the bot read. */
    public boolean knowledge() {
        return tool != null && tool.tool().contains("knowledge");
    }

    /**
     * The transcript role: {@code user} (the contact), {@code assistant} (the bot), {@code agent} (a person), or
     * {@code system} for a provider's system notice, which is shown like an event.
     */
    public String role() {
        return message == null ? null : message.role();
    }

    public boolean spoken() {
        return message != null && !"system".equals(message.role());
    }

    /** queued, sending, sent, delivered, read, failed or window_closed; null for messages we received. */
    public String deliveryStatus() {
        DeliveryView delivery = message == null ? null : message.delivery();
        return delivery == null ? null : delivery.status().wireName();
    }

    /** Why delivery failed (code and the provider's message), or null. */
    public String deliveryReason() {
        DeliveryView delivery = message == null ? null : message.delivery();
        if (delivery == null || delivery.errorCode() == null) {
            return null;
        }
        return delivery.errorMessage() == null
                ? delivery.errorCode()
                : delivery.errorCode() + ": " + delivery.errorMessage();
    }

    /** image, audio, video or document (anything else) for a stored attachment. */
    public String mediaKind() {
        if (media == null) {
            return null;
        }
        String mime = media.mimeType() == null ? "" : media.mimeType();
        if (mime.startsWith("image/") && !mime.equals("image/svg+xml")) {
            return "image";
        }
        if (mime.startsWith("audio/")) {
            return "audio";
        }
        if (mime.startsWith("video/")) {
            return "video";
        }
        return "document";
    }
}
