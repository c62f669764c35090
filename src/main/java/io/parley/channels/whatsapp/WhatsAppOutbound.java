package io.parley.channels.whatsapp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.channels.whatsapp.graph.GraphMessages;
import io.parley.conversation.TypingIndicator;
import io.parley.delivery.ChannelSender;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** What Parley sends to WhatsApp: replies (the delivery port) and "read, typing…" (the conversation's port). */
@Component
class WhatsAppOutbound implements ChannelSender, TypingIndicator {
    private final GraphMessages graph;
    private final ChannelAccounts accounts;
    private final WhatsAppChannel definition;
    /** Sends are paced just before this call; a database lookup per send would delay the request after its token. */
    private final Cache<ChannelAccountId, String> phoneNumberIds;

    WhatsAppOutbound(GraphMessages graph, ChannelAccounts accounts, WhatsAppChannel definition, Clock clock) {
        this.graph = graph;
        this.accounts = accounts;
        this.definition = definition;
        this.phoneNumberIds = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(30))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(10_000)
                .build();
    }

    @Override
    public ChannelType channel() {
        return ChannelType.WHATSAPP;
    }

    @Override
    public SendOutcome send(OutboundEnvelope envelope) {
        Optional<SendOutcome> unsupported = SendOutcome.unsupported(envelope.content(), definition.capabilities());
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        String phoneNumberId = phoneNumberIds.get(
                envelope.channelAccountId(), id -> accounts.get(id).externalId());
        return graph.send(
                phoneNumberId,
                accounts.whatsAppCredentials(envelope.channelAccountId()).accessToken(),
                envelope.recipient(),
                envelope.content(),
                envelope.contextMessageId(),
                envelope.id().toString());
    }

    @Override
    public void show(ChannelAccountId channelAccountId, String providerMessageId) {
        ChannelAccount account = accounts.get(channelAccountId);
        graph.markReadWithTyping(
                account.externalId(),
                accounts.whatsAppCredentials(channelAccountId).accessToken(),
                providerMessageId);
    }
}
