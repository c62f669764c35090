package io.parley.channels.webchat;

import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelConnector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Web chat is never connected: every chatbot has its sandbox channel, created on first use. */
@Component
class WebchatConnector implements ChannelConnector {
    @Override
    public ChannelType type() {
        return ChannelType.WEBCHAT;
    }

    @Override
    public Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request) {
        throw new InvalidRequestException(
                "unsupported_channel_type", "Web chat needs no channel: every chatbot has one");
    }

    @Override
    public Map<String, Object> update(ChannelAccount account, Map<String, Object> request) {
        throw new InvalidRequestException(
                "unsupported_channel_type", "A " + account.type().wireName() + " channel has no credentials to change");
    }

    @Override
    public Map<String, Object> view(ChannelAccount account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", account.id().value());
        view.put("chatbotId", account.chatbotId().value());
        view.put("type", account.type().wireName());
        view.put("createdAt", account.createdAt());
        return view;
    }
}
