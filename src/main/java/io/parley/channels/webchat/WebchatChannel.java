package io.parley.channels.webchat;

import io.parley.contacts.ContactIdentity;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.LongText;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.ChannelDefinition;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The operator's sandbox chat: no window, no pacing, a browser session as the only identity, every kind shown as
 * its text rendering except what only a provider can send (templates, uploaded media), long replies truncated, and
 * nobody to reach unless they have the page open, so no proactive sends. Its "send" never fails.
 */
@Component
public class WebchatChannel implements ChannelDefinition {
    /** Long enough for any reply a sandbox shows; a longer one is cut with a marker. */
    static final int MAX_TEXT = 10_000;

    private static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(
            Optional.empty(),
            false,
            MAX_TEXT,
            LongText.TRUNCATE,
            List.of(ContactIdentity.WEBCHAT),
            EnumSet.of(
                    OutboundKind.TEXT,
                    OutboundKind.MEDIA_LINK,
                    OutboundKind.INTERACTIVE,
                    OutboundKind.REACTION,
                    OutboundKind.LOCATION),
            false);

    @Override
    public ChannelType type() {
        return ChannelType.WEBCHAT;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public FailureClass classify(String providerErrorCode) {
        return FailureClass.PERMANENT;
    }
}
