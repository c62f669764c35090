package io.parley.channels.client;

import io.parley.delivery.ChannelSender;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.Channels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web and app clients read their messages from the conversation ({@code GET .../messages}, {@code .../events}), so
 * handing one over is recording that it is available. The api channel's sender is {@link ApiCallbackSender}.
 */
@Configuration(proxyBeanMethods = false)
class ClientSenders {
    @Bean
    ChannelSender webChannelSender(Channels channels) {
        return new Published(ClientTypes.WEB, channels);
    }

    @Bean
    ChannelSender appChannelSender(Channels channels) {
        return new Published(ClientTypes.APP, channels);
    }

    private record Published(ChannelType channel, Channels channels) implements ChannelSender {
        @Override
        public SendOutcome send(OutboundEnvelope envelope) {
            return SendOutcome.unsupported(envelope.content(), channels.capabilities(channel))
                    .orElseGet(() -> new SendOutcome.Sent(channel + ":" + envelope.id()));
        }
    }
}
