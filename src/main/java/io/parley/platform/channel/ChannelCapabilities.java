package io.parley.platform.channel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything generic modules need to know about a channel, as one value (issue 12, ADR 30). Delivery, templates,
 * conversation and outreach ask for these instead of comparing channel names.
 *
 * @param serviceWindow     how long after the contact's last message the business may write freely (WhatsApp: 24 h);
 *                          empty when the channel has no such window
 * @param paced             whether sends are paced per channel account and per recipient (the intervals are the
 *                          operator's {@code parley.delivery.pacing.*}); a channel without a provider rate limit is not
 * @param maxTextLength     the longest text one message may carry, in code points
 * @param longText          what happens to a reply longer than that
 * @param identityKinds     the contact identity kinds the channel yields and can address, in the order a recipient is
 *                          chosen (WhatsApp: {@code wa_id} before {@code bsuid})
 * @param outboundKinds     what the channel can send; anything else is refused before it is stored
 * @param proactive         whether the business may start a conversation (broadcasts, campaigns, MCP sends)
 */
public record ChannelCapabilities(
        Optional<Duration> serviceWindow,
        boolean paced,
        int maxTextLength,
        LongText longText,
        List<String> identityKinds,
        Set<OutboundKind> outboundKinds,
        boolean proactive) {
    /** The marker a truncated text ends with (counted in {@link #maxTextLength}). */
    public static final String TRUNCATION_MARKER = " […]";

    public ChannelCapabilities {
        Objects.requireNonNull(serviceWindow, "serviceWindow");
        Objects.requireNonNull(longText, "longText");
        if (maxTextLength < 16) {
            throw new IllegalArgumentException("maxTextLength must be at least 16, was " + maxTextLength);
        }
        if (identityKinds == null || identityKinds.isEmpty()) {
            throw new IllegalArgumentException("identityKinds must name at least one kind");
        }
        if (outboundKinds == null || !outboundKinds.contains(OutboundKind.TEXT)) {
            throw new IllegalArgumentException("outboundKinds must contain TEXT");
        }
        serviceWindow.ifPresent(window -> {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("serviceWindow must be positive");
            }
        });
        identityKinds = List.copyOf(identityKinds);
        outboundKinds = Set.copyOf(outboundKinds);
    }

    public boolean supports(OutboundKind kind) {
        return outboundKinds.contains(kind);
    }

    /** How a text longer than {@link #maxTextLength} reaches the contact. */
    public enum LongText {
        /** Several messages, cut at sentence boundaries (words, then characters, when a sentence is too long). */
        SPLIT,
        /** One message, cut and ending with {@link #TRUNCATION_MARKER}; a {@code message.truncated} event says so. */
        TRUNCATE
    }

    /** Kinds of outbound content, as {@code delivery.OutboundContent} has them. */
    public enum OutboundKind {
        TEXT,
        MEDIA_LINK,
        /** Media by an id uploaded to the provider beforehand. */
        MEDIA_UPLOADED,
        INTERACTIVE,
        REACTION,
        LOCATION,
        /** A template registered with the provider (the way to write outside a service window). */
        TEMPLATE
    }
}
