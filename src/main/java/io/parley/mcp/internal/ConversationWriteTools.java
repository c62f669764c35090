package io.parley.mcp.internal;

import io.parley.access.ApiKeyId;
import io.parley.access.AuditTrail;
import io.parley.access.Caller;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.conversation.ProactiveMessages;
import io.parley.mcp.internal.Views.OwnerChanged;
import io.parley.mcp.internal.Views.Queued;
import io.parley.outreach.DirectMessages;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.MessageId;
import io.parley.platform.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * send_message and handover: acting in the caller's conversations, through the same paths as the API, and audited
 * like the API's changes (the tool's name is the action).
 */
@Component
class ConversationWriteTools {
    private static final Logger log = LoggerFactory.getLogger(ConversationWriteTools.class);

    private final Conversations conversations;
    private final TenantScope scope;
    private final AuditTrail audit;

    private final DirectMessages direct;

    ConversationWriteTools(Conversations conversations, TenantScope scope, AuditTrail audit, DirectMessages direct) {
        this.direct = direct;
        this.conversations = conversations;
        this.scope = scope;
        this.audit = audit;
    }

    List<ParleyTool> tools() {
        return List.of(
                new ParleyTool("send_message", """
                        Sends a text as a human agent, through Parley's normal delivery (outbox, retries, status): \
                        to the contact of a conversation (conversationId), or to a contact (contactId) through a \
                        channel of the chatbot that may write first and can reach them (optionally chatbotId and \
                        channelId). A channel that cannot write first answers channel_not_proactive. Does not \
                        change who owns the conversation; use handover to keep the bot from answering too. Returns \
                        the queued message id.""", """
                        {"type": "object", "required": ["text"], "properties": {
                          "conversationId": {"type": "string"},
                          "contactId": {"type": "string"},
                          "chatbotId": {"type": "string"},
                          "channelId": {"type": "string"},
                          "text": {"type": "string", "minLength": 1, "maxLength": 4096}
                        }}""", this::sendMessage),
                new ParleyTool("handover", """
                        Sets who answers a conversation: "human" (the bot stays silent) or "bot" (the bot answers \
                        again).""", """
                        {"type": "object", "required": ["conversationId", "to"], "properties": {
                          "conversationId": {"type": "string"},
                          "to": {"type": "string", "enum": ["human", "bot"]}
                        }}""", this::handover));
    }

    // A channel with a service window (WhatsApp: 24 hours after the contact's last message) allows free text only
    // inside it: outside, the delivery sends the chatbot's re-engagement template instead, or ends as window_closed
    // (ADR 21).
    private Queued sendMessage(Caller caller, Arguments arguments) {
        UUID contactId = arguments.optionalId("contactId", "contact");
        boolean byConversation = arguments.optionalText("conversationId") != null;
        if (byConversation == (contactId != null || arguments.optionalText("contactId") != null)) {
            throw new ToolError("Give exactly one of 'conversationId' and 'contactId'");
        }
        if (!byConversation) {
            return sendToContact(caller, arguments, contactId);
        }
        ConversationSummary conversation =
                scope.conversation(caller, arguments.requiredId("conversationId", "conversation"));
        String text = arguments.requiredText("text", 4096);
        // A message sent with an organization API key is counted against that key (usage per API key).
        ApiKeyId apiKey = caller.apiKeyId().orElse(null);
        MessageId id = conversations.sendAgentMessage(conversation.id(), text, null, apiKey);
        audited(caller, conversation, "send_message");
        return new Queued(conversation.id().toString(), id.toString(), "queued");
    }

    /** A business-initiated message to a contact of the caller's organization (issue 12 item 9). */
    private Queued sendToContact(Caller caller, Arguments arguments, UUID contactId) {
        String text = arguments.requiredText("text", 4096);
        var contact = scope.contact(caller, contactId);
        UUID chatbotId = arguments.optionalId("chatbotId", "chatbot");
        if (chatbotId != null) {
            scope.chatbot(caller, chatbotId);
        }
        UUID channelId = arguments.optionalId("channelId", "channel");
        ProactiveMessages.Queued queued;
        try {
            queued = direct.send(
                    contact.organizationId(),
                    contact.id(),
                    chatbotId == null ? null : new ChatbotId(chatbotId),
                    channelId == null ? null : new ChannelAccountId(channelId),
                    text,
                    Map.of("source", "mcp", "actorType", caller.type().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (NotFoundException e) {
            throw new ToolError(e.getMessage());
        } catch (InvalidRequestException e) {
            throw new ToolError(e.code() + ": " + e.getMessage());
        }
        auditedContact(caller, contact.organizationId(), queued.conversationId());
        return new Queued(queued.conversationId().toString(), queued.messageId().toString(), "queued");
    }

    private void auditedContact(
            Caller caller,
            io.parley.platform.OrganizationId organization,
            io.parley.platform.ConversationId conversation) {
        try {
            audit.toolCall(caller, organization, "send_message", conversation);
        } catch (RuntimeException e) {
            log.error("Could not write the audit row for MCP tool send_message", e);
        }
    }

    private OwnerChanged handover(Caller caller, Arguments arguments) {
        ConversationSummary conversation =
                scope.conversation(caller, arguments.requiredId("conversationId", "conversation"));
        String to = arguments.requiredText("to", 10);
        ConversationSummary updated = switch (to) {
            case "human" -> conversations.handOver(conversation.id());
            case "bot" -> conversations.handBack(conversation.id());
            default -> throw new ToolError("Argument 'to' must be \"human\" or \"bot\"");
        };
        audited(caller, conversation, "handover");
        return new OwnerChanged(updated.id().toString(), updated.owner().wireName());
    }

    private void audited(Caller caller, ConversationSummary conversation, String tool) {
        try {
            audit.toolCall(caller, conversation.organizationId(), tool, conversation.id());
        } catch (RuntimeException e) {
            // The change is committed already; a lost audit row must be visible in the logs, not fail the call.
            log.error("Could not write the audit row for MCP tool {}", tool, e);
        }
    }
}
