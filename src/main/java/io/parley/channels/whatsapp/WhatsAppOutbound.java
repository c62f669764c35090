package io.parley.channels.whatsapp;

import io.parley.conversation.TypingIndicator;
import io.parley.delivery.ChannelSender;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import io.parley.platform.ChannelAccountId;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import org.springframework.stereotype.Component;

/** What Parley sends to WhatsApp: replies (the delivery port) and "read, typing…" (the conversation's port). */
@Component
class WhatsAppOutbound implements ChannelSender, TypingIndicator {
    private final GraphApi graph;
    private final ChannelAccounts accounts;

    WhatsAppOutbound(GraphApi graph, ChannelAccounts accounts) {
        this.graph = graph;
        this.accounts = accounts;
    }

    @Override
    public String channel() {
        return "whatsapp";
    }

    @Override
    public SendOutcome send(OutboundEnvelope envelope) {
        ChannelAccount account = accounts.get(envelope.channelAccountId());
        return graph.sendText(account.externalId(), accounts.whatsAppCredentials(account.id()).accessToken(),
                envelope.recipient(), envelope.text(), envelope.id().toString());
    }

    @Override
    public void show(ChannelAccountId channelAccountId, String providerMessageId) {
        ChannelAccount account = accounts.get(channelAccountId);
        graph.markReadWithTyping(account.externalId(), accounts.whatsAppCredentials(channelAccountId).accessToken(),
                providerMessageId);
    }
}
