package io.parley.channels.webchat;

import io.parley.delivery.ChannelSender;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import io.parley.platform.channel.ChannelType;
import org.springframework.stereotype.Component;

/**
 * Web chat replies are read by the browser from the conversation's messages, so handing one over is recording
 * that it is available. Its provider id is derived from our outbound id.
 */
@Component
class WebchatSender implements ChannelSender {
    private final WebchatChannel definition;

    WebchatSender(WebchatChannel definition) {
        this.definition = definition;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.WEBCHAT;
    }

    @Override
    public SendOutcome send(OutboundEnvelope envelope) {
        return SendOutcome.unsupported(envelope.content(), definition.capabilities())
                .orElseGet(() -> new SendOutcome.Sent("webchat:" + envelope.id()));
    }
}
