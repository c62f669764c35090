package io.parley.tenancy.internal;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.platform.PublicUrl;
import io.parley.platform.web.OperatorOnly;
import io.parley.platform.web.RequiresRole;
import io.parley.platform.web.Role;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.TenantDeletions;
import io.parley.tenancy.WhatsAppChannelChange;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Deleting organizations, chatbots and channels, and rotating a channel's credentials (ADR 33). Pausing is a field
 * of the chatbot and organization PATCH routes.
 */
@RestController
@RequestMapping("/api/v1")
class LifecycleController {
    private final TenantDeletions deletions;
    private final ChannelAccounts channelAccounts;
    private final PublicUrl publicUrl;

    private final List<io.parley.tenancy.ChannelConnector> connectors;
    private final tools.jackson.databind.json.JsonMapper json;

    LifecycleController(TenantDeletions deletions, ChannelAccounts channelAccounts, PublicUrl publicUrl,
                        List<io.parley.tenancy.ChannelConnector> connectors, tools.jackson.databind.json.JsonMapper json) {
        this.connectors = connectors;
        this.json = json;
        this.deletions = deletions;
        this.channelAccounts = channelAccounts;
        this.publicUrl = publicUrl;
    }

    /** The installation's decision: everything of the organization goes, media files included. */
    @OperatorOnly
    @DeleteMapping("/organizations/{orgId}")
    ResponseEntity<Void> deleteOrganization(@PathVariable String orgId) {
        deletions.deleteOrganization(Ids.parse(orgId, "organization", OrganizationId::new));
        return ResponseEntity.noContent().build();
    }

    /** Owners only: it takes the chatbot's conversation history with it; an admin can pause instead. */
    @RequiresRole(Role.OWNER)
    @DeleteMapping("/chatbots/{botId}")
    ResponseEntity<Void> deleteChatbot(@PathVariable String botId) {
        deletions.deleteChatbot(botId(botId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/chatbots/{botId}/channels/{channelId}")
    ResponseEntity<Void> removeChannel(@PathVariable String botId, @PathVariable String channelId) {
        deletions.removeChannel(botId(botId), channelId(channelId));
        return ResponseEntity.noContent().build();
    }

    /**
     * WhatsApp: {@code accessToken} (verified with Meta first), {@code appSecret}, {@code verifyToken},
     * {@code businessAccountId} ("" or null removes it); absent fields keep their value.
     */
    @PatchMapping("/chatbots/{botId}/channels/{channelId}")
    Object updateChannel(@PathVariable String botId, @PathVariable String channelId,
                                                @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        ChatbotId chatbotId = botId(botId);
        ChannelAccount account = channelAccounts.getOfChatbot(chatbotId, channelId(channelId));
        // Interim dispatch for the client channels (issue 12 part F) until part A's connector dispatch lands.
        var connector = connectors.stream().filter(c -> c.type().equals(account.type())).findFirst();
        if (connector.isPresent()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = json.treeToValue(body, Map.class);
            return connector.get().update(account, request);
        }
        if (!ChannelType.WHATSAPP.equals(account.type())) {
            throw new InvalidRequestException("unsupported_channel_type",
                    "A " + account.type().wireName() + " channel has no credentials to change");
        }
        WhatsAppChannelChange change = new WhatsAppChannelChange(text(body, "accessToken"), text(body, "appSecret"),
                text(body, "verifyToken"), body.has("businessAccountId") && body.get("businessAccountId").isNull()
                ? "" : text(body, "businessAccountId"));
        return ChatbotController.ChannelView.of(channelAccounts.updateWhatsApp(chatbotId, account.id(), change),
                publicUrl);
    }

    private static String text(JsonNode body, String field) {
        if (!body.has(field)) {
            return null;
        }
        if (!body.get(field).isString()) {
            throw new InvalidRequestException("validation_failed", field + " must be a string",
                    Map.of("errors", List.of(Map.of("field", field, "message", "must be a string"))));
        }
        return body.get(field).asString();
    }

    private static ChatbotId botId(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }

    private static ChannelAccountId channelId(String value) {
        return Ids.parse(value, "channel", ChannelAccountId::new);
    }
}
