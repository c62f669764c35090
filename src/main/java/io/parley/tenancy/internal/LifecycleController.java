package io.parley.tenancy.internal;

import io.parley.access.OperatorOnly;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.ChannelConnector;
import io.parley.tenancy.TenantDeletions;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deleting organizations, chatbots and channels, and rotating a channel's credentials (ADR 33). Pausing is a field
 * of the chatbot and organization PATCH routes.
 */
@RestController
@RequestMapping("/api/v1")
class LifecycleController {
    private final TenantDeletions deletions;
    private final ChannelAccounts channelAccounts;
    private final ChannelConnectors connectors;
    private final JsonMapper json;

    LifecycleController(
            TenantDeletions deletions, ChannelAccounts channelAccounts, ChannelConnectors connectors, JsonMapper json) {
        this.deletions = deletions;
        this.channelAccounts = channelAccounts;
        this.connectors = connectors;
        this.json = json;
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
     * Changes a channel's settings or rotates its credentials through its type's {@link ChannelConnector}; absent
     * fields keep their value.
     */
    @PatchMapping("/chatbots/{botId}/channels/{channelId}")
    Map<String, Object> updateChannel(
            @PathVariable String botId, @PathVariable String channelId, @RequestBody JsonNode body) {
        Map<String, Object> request = ChannelBodies.toMap(json, body);
        ChannelAccount account = channelAccounts.getOfChatbot(botId(botId), channelId(channelId));
        ChannelConnector connector = connectors
                .forType(account.type())
                .orElseThrow(() -> new InvalidRequestException(
                        "unsupported_channel_type",
                        "A " + account.type().wireName() + " channel has nothing to change"));
        return connector.update(account, request);
    }

    private static ChatbotId botId(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }

    private static ChannelAccountId channelId(String value) {
        return Ids.parse(value, "channel", ChannelAccountId::new);
    }
}
