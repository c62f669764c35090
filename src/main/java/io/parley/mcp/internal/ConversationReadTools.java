package io.parley.mcp.internal;

import io.parley.access.Caller;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.mcp.internal.Views.ConversationList;
import io.parley.mcp.internal.Views.ConversationView;
import io.parley.mcp.internal.Views.FoundView;
import io.parley.mcp.internal.Views.MessageView;
import io.parley.mcp.internal.Views.Messages;
import io.parley.mcp.internal.Views.SearchResults;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbot;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** list_conversations, get_messages, search_messages: reading the caller's conversations. */
@Component
class ConversationReadTools {
    static final int MAX_LIMIT = 100;

    private final Conversations conversations;
    private final TenantScope scope;

    ConversationReadTools(Conversations conversations, TenantScope scope) {
        this.conversations = conversations;
        this.scope = scope;
    }

    List<ParleyTool> tools() {
        return List.of(
                new ParleyTool("list_conversations", """
                        Lists the most recent conversations of your organization, newest activity first, with the \
                        contact (name, phone), who answers (owner: bot or human) and the time of the last message.""", """
                        {"type": "object", "properties": {
                          "chatbotId": {"type": "string", "description": "Only this chatbot's conversations"},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                          "organizationId": {"type": "string", "description": "Required with the operator token"}
                        }}""", this::listConversations),
                new ParleyTool("get_messages", """
                        The messages of a conversation, oldest first: role (user, assistant, agent), content, time \
                        and, for messages sent by Parley, the delivery status.""", """
                        {"type": "object", "required": ["conversationId"], "properties": {
                          "conversationId": {"type": "string"},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50,
                                    "description": "How many of the newest messages"}
                        }}""", this::getMessages),
                new ParleyTool("search_messages", """
                        Finds messages containing a text in your organization's conversations; each match names its \
                        conversation.""", """
                        {"type": "object", "required": ["query"], "properties": {
                          "query": {"type": "string", "minLength": 1, "maxLength": 200},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                          "organizationId": {"type": "string", "description": "Required with the operator token"}
                        }}""", this::searchMessages));
    }

    private ConversationList listConversations(Caller caller, Arguments arguments) {
        int limit = arguments.limit(20, MAX_LIMIT);
        UUID chatbotId = arguments.optionalId("chatbotId", "chatbot");
        List<ConversationSummary> found;
        if (chatbotId != null) {
            Chatbot chatbot = scope.chatbot(caller, chatbotId);
            if (arguments.optionalText("organizationId") != null
                    && !scope.organization(caller, arguments).equals(chatbot.organizationId())) {
                throw Arguments.notFound("chatbot", chatbotId);
            }
            found = conversations.list(chatbot.id(), limit);
        } else {
            found = conversations.listByOrganization(scope.organization(caller, arguments), limit);
        }
        return new ConversationList(found.stream().map(ConversationView::of).toList());
    }

    private Messages getMessages(Caller caller, Arguments arguments) {
        ConversationSummary conversation =
                scope.conversation(caller, arguments.requiredId("conversationId", "conversation"));
        int limit = arguments.limit(50, MAX_LIMIT);
        return new Messages(
                conversation.id().toString(),
                conversations.messages(conversation.id(), limit).stream()
                        .map(MessageView::of)
                        .toList());
    }

    private SearchResults searchMessages(Caller caller, Arguments arguments) {
        String query = arguments.requiredText("query", 200).strip();
        int limit = arguments.limit(20, MAX_LIMIT);
        OrganizationId organization = scope.organization(caller, arguments);
        return new SearchResults(
                query,
                conversations.search(organization, query, limit).stream()
                        .map(FoundView::of)
                        .toList());
    }
}
