package io.parley.channels.email;

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
 * Email as a conversation channel (issue 17, ADR 62): a mailbox per channel account, read over IMAP and written
 * over SMTP. No service window and no provider pacing; one long reply is one email (cut with a marker past 20,000
 * characters); buttons, lists and locations go out as their text rendering, media as links; the business may write
 * first. Provider codes are the SMTP reply codes as {@code smtp_<code>}.
 */
@Component
public class EmailChannel implements ChannelDefinition {
    static final ChannelType TYPE = new ChannelType("email");
    static final int MAX_TEXT = 20_000;

    private static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(
            Optional.empty(),
            false,
            MAX_TEXT,
            LongText.TRUNCATE,
            List.of(ContactIdentity.EMAIL),
            EnumSet.of(OutboundKind.TEXT, OutboundKind.MEDIA_LINK, OutboundKind.INTERACTIVE, OutboundKind.LOCATION),
            true);

    @Override
    public ChannelType type() {
        return TYPE;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * {@code smtp_4xx} (RFC 5321: transient) and {@code smtp_unreachable} are worth retrying; {@code smtp_5xx} and
     * anything else are not.
     */
    @Override
    public FailureClass classify(String providerErrorCode) {
        if (providerErrorCode == null || !providerErrorCode.startsWith("smtp_")) {
            return FailureClass.PERMANENT;
        }
        String code = providerErrorCode.substring("smtp_".length());
        if (code.equals("unreachable") || (code.length() == 3 && code.charAt(0) == '4')) {
            return FailureClass.RETRY;
        }
        return FailureClass.PERMANENT;
    }
}
