package io.parley.mcp.internal;

import io.parley.admin.AuditTrail;
import io.parley.admin.Caller;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.mcp.internal.Views.OwnerChanged;
import io.parley.mcp.internal.Views.Queued;
import io.parley.platform.MessageId;
import io.parley.platform.web.Actor;
import io.parley.tenancy.ApiKeyId;
import java.util.List;
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

    ConversationWriteTools(Conversations conversations, TenantScope scope, AuditTrail audit) {
        this.conversations = conversations;
        this.scope = scope;
        this.audit = audit;
    }

    List<ParleyTool> tools() {
        return List.of(
                new ParleyTool("send_message", """
                        Sends a text to the contact of a conversation as a human agent, through Parley's normal \
                        delivery (outbox, retries, status). Does not change who owns the conversation; use handover \
                        to keep the bot from answering too. Returns the queued message id.""",
                        """
                        {"type": "object", "required": ["conversationId", "text"], "properties": {
                          "conversationId": {"type": "string"},
                          "text": {"type": "string", "minLength": 1, "maxLength": 4096}
                        }}""", this::sendMessage),
                new ParleyTool("handover", """
                        Sets who answers a conversation: "human" (the bot stays silent) or "bot" (the bot answers \
                        again).""",
                        """
                        {"type": "object", "required": ["conversationId", "to"], "properties": {
                          "conversationId": {"type": "string"},
                          "to": {"type": "string", "enum": ["human", "bot"]}
                        }}""", this::handover));
    }

    // WhatsApp allows free-form messages only within 24 hours of the contact's last message: outside that window the
    // delivery sends the chatbot's re-engagement template instead, or ends as window_closed (ADR 21).
    private Queued sendMessage(Caller caller, Arguments arguments) {
        ConversationSummary conversation = scope.conversation(caller,
                arguments.requiredId("conversationId", "conversation"));
        String text = arguments.requiredText("text", 4096);
        // A message sent with an organization API key is counted against that key (usage per API key).
        Actor actor = caller.actor();
        ApiKeyId apiKey = actor.type() == Actor.Type.API_KEY ? new ApiKeyId(UUID.fromString(actor.id())) : null;
        MessageId id = conversations.sendAgentMessage(conversation.id(), text, null, apiKey);
        audited(caller, conversation, "send_message");
        return new Queued(conversation.id().toString(), id.toString(), "queued");
    }

    private OwnerChanged handover(Caller caller, Arguments arguments) {
        ConversationSummary conversation = scope.conversation(caller,
                arguments.requiredId("conversationId", "conversation"));
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
