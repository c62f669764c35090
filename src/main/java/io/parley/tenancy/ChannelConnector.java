package io.parley.tenancy;

import io.parley.platform.ChatbotId;
import io.parley.platform.channel.ChannelType;
import java.util.Map;

/**
 * How a channel type is connected to a chatbot, updated and shown: the port behind
 * {@code POST /api/v1/chatbots/{botId}/channels} and {@code PATCH .../channels/{channelId}}. Each channel package
 * supplies one per type it serves; the controllers pick it by the request's {@code type} and never name a channel.
 *
 * <p>Request bodies arrive as parsed JSON objects; a connector validates them as if an attacker typed them and
 * throws {@code InvalidRequestException} (400) with the offending field. The maps it returns are JSON objects.
 */
public interface ChannelConnector {
    ChannelType type();

    /**
     * Connects {@code chatbotId} to a new channel of this type. The returned body is the 201 response: it carries
     * {@code id} and {@code type}, and secrets generated for it (shown once, never again).
     */
    Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request);

    /**
     * Changes a connected channel's settings or rotates its credentials; the returned body is the 200 response
     * (newly generated secrets appear in it once).
     */
    default Map<String, Object> update(ChannelAccount account, Map<String, Object> request) {
        throw new io.parley.platform.InvalidRequestException(
                "unsupported_channel_type", "A " + account.type().wireName() + " channel has nothing to change");
    }

    /** How the channel is listed: never a secret. */
    Map<String, Object> view(ChannelAccount account);
}
