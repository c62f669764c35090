package io.parley.conversation.internal;

import io.parley.platform.web.RequiresRole;
import io.parley.platform.web.Role;
import io.parley.conversation.Conversations;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What a person does with a conversation: take it over from the bot, write to the contact, give it back. */
@RestController
@RequiresRole(Role.AGENT)
@RequestMapping("/api/v1/conversations/{conversationId}")
class ConversationActionsController {
    private final Conversations conversations;

    ConversationActionsController(Conversations conversations) {
        this.conversations = conversations;
    }

    record AgentMessage(String text) {
    }

    record Queued(UUID id, String status) {
    }

    /** The bot stays silent from now on; customer messages wait for a person. */
    @PostMapping("/handover")
    ConversationController.ConversationView handOver(@PathVariable String conversationId) {
        return ConversationController.ConversationView.of(conversations.handOver(id(conversationId)));
    }

    /** The bot answers again, starting with the next customer message. */
    @PostMapping("/handback")
    ConversationController.ConversationView handBack(@PathVariable String conversationId) {
        return ConversationController.ConversationView.of(conversations.handBack(id(conversationId)));
    }

    /** A person's message to the contact, sent through the same delivery path as the bot's replies. */
    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Queued send(@PathVariable String conversationId, @RequestBody(required = false) AgentMessage body) {
        if (body == null || body.text() == null) {
            throw new InvalidRequestException("validation_failed", "text is required");
        }
        return new Queued(conversations.sendAgentMessage(id(conversationId), body.text()).value(), "queued");
    }

    private static ConversationId id(String value) {
        return Ids.parse(value, "conversation", ConversationId::new);
    }
}
