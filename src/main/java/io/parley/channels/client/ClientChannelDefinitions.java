package io.parley.channels.client;

import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.LongText;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.ChannelDefinition;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the client channels are to the rest of Parley. None has a service window or provider pacing; texts up to
 * 10,000 characters (seed 000), longer replies cut with a marker (a client renders one message per reply); every
 * kind is sent as its text rendering except what only a provider can send (templates, uploaded media). Only
 * {@code api} may start a conversation: its backend gets the message as a callback. A web page or app sees messages
 * only while it is open, so proactive sends to them are refused.
 */
@Configuration(proxyBeanMethods = false)
class ClientChannelDefinitions {
    static final int MAX_TEXT = MessageText.MAX;
    /** The order a recipient address is chosen in (it names the contact in a callback's logs only). */
    static final List<String> IDENTITY_KINDS = List.of(
            ClientIdentities.EXTERNAL,
            ClientIdentities.PHONE,
            ClientIdentities.EMAIL,
            ClientIdentities.DEVICE,
            ClientIdentities.GUEST);

    private static final EnumSet<OutboundKind> KINDS = EnumSet.of(
            OutboundKind.TEXT,
            OutboundKind.MEDIA_LINK,
            OutboundKind.INTERACTIVE,
            OutboundKind.REACTION,
            OutboundKind.LOCATION);

    @Bean
    ChannelDefinition apiChannelDefinition() {
        return new Definition(ClientTypes.API, true);
    }

    @Bean
    ChannelDefinition webChannelDefinition() {
        return new Definition(ClientTypes.WEB, false);
    }

    @Bean
    ChannelDefinition appChannelDefinition() {
        return new Definition(ClientTypes.APP, false);
    }

    record Definition(ChannelType type, boolean proactive) implements ChannelDefinition {
        @Override
        public ChannelCapabilities capabilities() {
            return new ChannelCapabilities(
                    Optional.<Duration>empty(), false, MAX_TEXT, LongText.TRUNCATE, IDENTITY_KINDS, KINDS, proactive);
        }

        /** Callback answers (api): {@code callback_408}, {@code _429}, {@code _5xx} are worth retrying. */
        @Override
        public FailureClass classify(String providerErrorCode) {
            if (providerErrorCode != null && providerErrorCode.startsWith("callback_")) {
                String status = providerErrorCode.substring("callback_".length());
                if (status.equals("408")
                        || status.equals("429")
                        || status.startsWith("5")
                        || status.equals("unreachable")) {
                    return FailureClass.RETRY;
                }
            }
            return FailureClass.PERMANENT;
        }
    }
}
