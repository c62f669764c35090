package io.parley.channels.whatsapp;

import io.parley.contacts.ContactIdentity;
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
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * WhatsApp Cloud API as the port sees it: a 24-hour customer service window, Meta's rate limits (paced), texts of
 * at most 4,096 characters (longer replies split at sentence boundaries), contacts by phone (wa_id) or
 * business-scoped user id, every outbound kind, and business-initiated messages allowed (templates outside the
 * window).
 */
@Component
public class WhatsAppChannel implements ChannelDefinition {
    /** Meta's "re-engagement message": free text outside the window. */
    static final String REENGAGEMENT = "131047";
    /** 4 app rate limit, 80007 WABA rate limit, 130429 throughput, 131056 pair rate limit. */
    private static final Set<String> THROTTLING = Set.of("4", "80007", "130429", "131056");

    private static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(
            Optional.of(Duration.ofHours(24)),
            true,
            4096,
            LongText.SPLIT,
            List.of(ContactIdentity.PHONE, ContactIdentity.WA_ID, ContactIdentity.BSUID),
            EnumSet.allOf(OutboundKind.class),
            true);

    @Override
    public ChannelType type() {
        return ChannelType.WHATSAPP;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public FailureClass classify(String providerErrorCode) {
        if (REENGAGEMENT.equals(providerErrorCode)) {
            return FailureClass.WINDOW_CLOSED;
        }
        if (providerErrorCode == null) {
            return FailureClass.PERMANENT;
        }
        if (THROTTLING.contains(providerErrorCode)
                || providerErrorCode.equals("http_429")
                || providerErrorCode.equals("http_408")
                || providerErrorCode.startsWith("http_5")) {
            return FailureClass.RETRY;
        }
        return FailureClass.PERMANENT;
    }

    @Override
    public String windowClosedReason(String providerErrorCode) {
        return "meta_" + providerErrorCode;
    }

    @Override
    public boolean isProviderMessageId(String reference) {
        return reference.startsWith("wamid.") && reference.length() <= 256;
    }

    @Override
    public java.util.Map<String, String> operatorEndpoints() {
        return java.util.Map.of("WhatsApp webhook", "/webhooks/whatsapp");
    }

    @Override
    public boolean referencesByProviderId() {
        return true;
    }
}
