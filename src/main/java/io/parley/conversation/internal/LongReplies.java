package io.parley.conversation.internal;

import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.Channels;
import io.parley.platform.channel.LongTexts;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A reply longer than the conversation's channel takes: split at sentence boundaries where the channel splits
 * (WhatsApp, 4,096 characters a message), otherwise cut with a marker and a {@code message.truncated} event.
 */
@Component
class LongReplies {
    static final String TRUNCATED_EVENT = "message.truncated";

    private final Channels channels;
    private final SystemEvents events;

    LongReplies(Channels channels, SystemEvents events) {
        this.channels = channels;
        this.events = events;
    }

    /** The texts to send, in order; records the event (in the caller's transaction) when the text was cut. */
    List<String> parts(ConversationRow conversation, String text) {
        ChannelCapabilities capabilities = channels.capabilities(conversation.channel());
        int max = capabilities.maxTextLength();
        if (LongTexts.length(text) <= max) {
            return List.of(text);
        }
        return switch (capabilities.longText()) {
            case SPLIT -> LongTexts.split(text, max);
            case TRUNCATE -> {
                events.record(SystemEvent.of(SystemEvent.Level.WARN, TRUNCATED_EVENT)
                        .organization(conversation.organizationId())
                        .chatbot(conversation.chatbotId())
                        .conversation(conversation.id())
                        .with("channel", conversation.channel().wireName())
                        .with("length", LongTexts.length(text))
                        .with("maxLength", max)
                        .build());
                yield List.of(LongTexts.truncate(text, max));
            }
        };
    }
}
