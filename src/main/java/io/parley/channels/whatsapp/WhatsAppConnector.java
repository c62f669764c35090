package io.parley.channels.whatsapp;

import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.PublicUrl;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.ChannelConnector;
import io.parley.tenancy.NewWhatsAppChannel;
import io.parley.tenancy.WhatsAppChannelChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Connecting a WhatsApp number ({@code phoneNumberId}, {@code accessToken} verified with Meta first,
 * {@code appSecret}, {@code verifyToken}, optional {@code businessAccountId}), rotating its credentials, and how it
 * is listed: {@code displayPhoneNumber} and {@code verifiedName} are what Meta showed when it was verified; the
 * access token and app secret are never shown.
 */
@Component
class WhatsAppConnector implements ChannelConnector {
    private final ChannelAccounts accounts;
    private final PublicUrl publicUrl;

    WhatsAppConnector(ChannelAccounts accounts, PublicUrl publicUrl) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WHATSAPP;
    }

    @Override
    public Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request) {
        return view(accounts.createWhatsApp(
                chatbotId,
                new NewWhatsAppChannel(
                        scalar(request, "phoneNumberId"),
                        scalar(request, "accessToken"),
                        scalar(request, "appSecret"),
                        scalar(request, "verifyToken"),
                        scalar(request, "businessAccountId"))));
    }

    /**
     * {@code accessToken} (verified with Meta first), {@code appSecret}, {@code verifyToken},
     * {@code businessAccountId} ("" or null removes it); absent fields keep their value.
     */
    @Override
    public Map<String, Object> update(ChannelAccount account, Map<String, Object> request) {
        WhatsAppChannelChange change = new WhatsAppChannelChange(
                text(request, "accessToken"),
                text(request, "appSecret"),
                text(request, "verifyToken"),
                request.containsKey("businessAccountId") && request.get("businessAccountId") == null
                        ? ""
                        : text(request, "businessAccountId"));
        return view(accounts.updateWhatsApp(account.chatbotId(), account.id(), change));
    }

    @Override
    public Map<String, Object> view(ChannelAccount account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", account.id().value());
        view.put("chatbotId", account.chatbotId().value());
        view.put("type", account.type().wireName());
        view.put("phoneNumberId", account.externalId());
        putIfPresent(view, "displayPhoneNumber", account.displayPhoneNumber());
        putIfPresent(view, "verifiedName", account.verifiedName());
        view.put("webhookUrl", publicUrl.resolve("/webhooks/whatsapp"));
        view.put("createdAt", account.createdAt());
        return view;
    }

    private static void putIfPresent(Map<String, Object> view, String field, Object value) {
        if (value != null) {
            view.put(field, value);
        }
    }

    /** As JSON binding to a string field reads it: numbers and booleans as their text. */
    private static String scalar(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw invalid(field);
    }

    /** Strictly a string (rotation has no legacy of coercion). */
    private static String text(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw invalid(field);
    }

    private static InvalidRequestException invalid(String field) {
        return new InvalidRequestException(
                "validation_failed",
                field + " must be a string",
                Map.of("errors", List.of(Map.of("field", field, "message", "must be a string"))));
    }
}
