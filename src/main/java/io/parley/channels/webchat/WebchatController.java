package io.parley.channels.webchat;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.contacts.ContactIdentity;
import io.parley.conversation.Conversations;
import io.parley.conversation.InboundMessage;
import io.parley.conversation.Receipt;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.web.CappedBody;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web chat channel used by the sandbox page: messages enter the same turn pipeline as WhatsApp messages, and
 * replies come back through the same delivery bus; the page reads them from the conversation's messages.
 */
@RestController
@RequestMapping("/api/v1/chatbots/{botId}/webchat")
class WebchatController {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int MAX_TEXT = 4096;

    private final ChannelAccounts accounts;
    private final Conversations conversations;

    WebchatController(ChannelAccounts accounts, Conversations conversations) {
        this.accounts = accounts;
        this.conversations = conversations;
    }

    /**
     * @param sessionId       the browser's stable id for this visitor (it becomes the contact)
     * @param clientMessageId the browser's id for this message: sending it twice stores it once
     */
    record SendMessage(String sessionId, String clientMessageId, String text) {}

    record Accepted(UUID conversationId, UUID messageId, boolean duplicate) {}

    @RequiresRole(Role.AGENT)
    @CappedBody
    @PostMapping("/messages")
    ResponseEntity<Accepted> send(@PathVariable String botId, @RequestBody SendMessage request) {
        String sessionId = requireId("sessionId", request == null ? null : request.sessionId());
        String clientMessageId = request.clientMessageId() == null
                ? UUID.randomUUID().toString()
                : requireId("clientMessageId", request.clientMessageId());
        String text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw invalid("text", "must have 1 to " + MAX_TEXT + " characters");
        }
        ChannelAccount account = accounts.builtIn(Ids.parse(botId, "chatbot", ChatbotId::new), ChannelType.WEBCHAT);
        // Dedupe per visitor: another session's "msg-1" is a different message, not a resend.
        Receipt receipt = conversations.receive(new InboundMessage(
                account.organizationId(),
                account.chatbotId(),
                account.id(),
                ChannelType.WEBCHAT,
                sessionId + ":" + clientMessageId,
                java.util.List.of(new ContactIdentity(ContactIdentity.WEBCHAT, sessionId)),
                null,
                "text",
                text,
                Map.of(),
                null,
                null,
                true,
                false,
                io.parley.contacts.IdentityTrust.CLAIMED));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(
                        receipt.conversationId() == null
                                ? null
                                : receipt.conversationId().value(),
                        receipt.messageId() == null ? null : receipt.messageId().value(),
                        receipt.duplicate()));
    }

    private static String requireId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid(field, "must be 1 to 128 letters, digits, '-' or '_'");
        }
        return value;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }
}
