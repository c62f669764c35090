package io.parley.tenancy;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.internal.ChannelConnectors;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Connecting, listing and changing a chatbot's channels by type name, as the channel routes of the API do, for
 * callers outside {@code tenancy} that must not name a channel themselves (the console): each type's
 * {@link ChannelConnector} validates the request and shapes what is shown (secrets only in what {@link #connect}
 * and {@link #update} return).
 */
@Service
public class ChannelConnections {
    private final ChannelConnectors connectors;
    private final ChannelAccounts accounts;

    ChannelConnections(ChannelConnectors connectors, ChannelAccounts accounts) {
        this.connectors = connectors;
        this.accounts = accounts;
    }

    /** Connects a channel of {@code request}'s {@code type}; the map returned holds its secrets, shown once. */
    public Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request) {
        return connectors.forRequest(request.get("type")).connect(chatbotId, request);
    }

    /** Every channel of the chatbot as its connector lists it (never a secret). */
    public List<Map<String, Object>> list(ChatbotId chatbotId) {
        return accounts.list(chatbotId).stream().map(connectors::view).toList();
    }

    /** Changes a channel of this chatbot; absent fields keep their value. Another chatbot's channel is not found. */
    public Map<String, Object> update(ChatbotId chatbotId, ChannelAccountId channelId, Map<String, Object> request) {
        ChannelAccount account = accounts.getOfChatbot(chatbotId, channelId);
        ChannelConnector connector = connectors
                .forType(account.type())
                .orElseThrow(() -> new InvalidRequestException(
                        "unsupported_channel_type",
                        "A " + account.type().wireName() + " channel has nothing to change"));
        return connector.update(account, request);
    }

    /** The channel of this chatbot as its connector lists it. */
    public Map<String, Object> view(ChatbotId chatbotId, ChannelAccountId channelId) {
        return connectors.view(accounts.getOfChatbot(chatbotId, channelId));
    }
}
