package io.parley.channels.telegram;

import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.LongText;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.ChannelDefinition;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A Telegram bot as the port sees it: no service window (a bot may write to anyone who started it, at any time, so
 * sends are proactive), Telegram's rate limits (paced: about one message a second per chat, 30 a second per bot),
 * texts of at most 4,096 characters (longer replies split), contacts by their Telegram user id, and text, media by
 * link, buttons and lists (inline keyboards) and locations out. Provider codes are {@code http_<status>}.
 */
@Component
public class TelegramChannel implements ChannelDefinition {
    /** The channel's type; nothing outside this package names it. */
    public static final ChannelType TYPE = new ChannelType("telegram");
    /** The contact identity kind: the Telegram user id, digits exactly as Telegram sends them. */
    public static final String IDENTITY = "telegram";
    /** Characters one message carries after entity parsing. */
    static final int MAX_TEXT = 4096;
    /** Messages a second one bot may send in bulk (Telegram's FAQ: "about 30"). */
    static final int BOT_MESSAGES_PER_SECOND = 30;

    private static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(
            Optional.empty(),
            true,
            MAX_TEXT,
            LongText.SPLIT,
            List.of(IDENTITY),
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

    /** 429, 5xx and transport failures are worth retrying; every other answer is final. */
    @Override
    public FailureClass classify(String providerErrorCode) {
        if (providerErrorCode == null) {
            return FailureClass.PERMANENT;
        }
        if (providerErrorCode.equals("http_429")
                || providerErrorCode.startsWith("http_5")
                || providerErrorCode.equals("network_error")
                || providerErrorCode.equals("timeout")) {
            return FailureClass.RETRY;
        }
        return FailureClass.PERMANENT;
    }

    @Override
    public Map<String, String> operatorEndpoints() {
        return Map.of("Telegram webhooks", "/webhooks/telegram/{channelId}");
    }
}
