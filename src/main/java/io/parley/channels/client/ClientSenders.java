package io.parley.channels.client;

import io.parley.delivery.ChannelSender;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web and app clients read their messages from the conversation ({@code GET .../messages}, {@code .../events}), so
 * handing one over is recording that it is available. The api channel's sender is {@link ApiCallbackSender}.
 */
@Configuration(proxyBeanMethods = false)
class ClientSenders {
    @Bean
    ChannelSender webChannelSender() {
        return new Published(ClientTypes.WEB);
    }

    @Bean
    ChannelSender appChannelSender() {
        return new Published(ClientTypes.APP);
    }

    private record Published(io.parley.platform.channel.ChannelType channel) implements ChannelSender {
        @Override
        public SendOutcome send(OutboundEnvelope envelope) {
            return new SendOutcome.Sent(channel + ":" + envelope.id());
        }
    }
}
