package io.parley.outreach;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactConversations;
import io.parley.contacts.Contacts;
import io.parley.conversation.ProactiveMessages;
import io.parley.conversation.ProactiveMessages.Proactive;
import io.parley.conversation.ProactiveMessages.Queued;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.outreach.internal.Reach;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.Channels;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.Chatbots;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A message to one contact that the business starts (MCP {@code send_message} with a {@code contactId}): through
 * a channel of the chatbot that may write first and can address the contact (issue 12 item 9). A channel that
 * cannot write first is a 400 {@value Reach#NOT_PROACTIVE}; another organization's contact is not found.
 */
@Service
public class DirectMessages {
    private final Contacts contacts;
    private final Chatbots chatbots;
    private final ChannelAccounts accounts;
    private final Channels channels;
    private final Reach reach;
    private final ProactiveMessages messages;

    private final ContactConversations conversations;

    DirectMessages(
            Contacts contacts,
            Chatbots chatbots,
            ChannelAccounts accounts,
            Channels channels,
            Reach reach,
            ProactiveMessages messages,
            ContactConversations conversations) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.chatbots = chatbots;
        this.accounts = accounts;
        this.channels = channels;
        this.reach = reach;
        this.messages = messages;
    }

    /**
     * @param chatbotId null: the chatbot the contact wrote to
     * @param channelId null: the chatbot's first channel that may write first and addresses one of the contact's
     *                  identities
     */
    @Transactional
    public Queued send(
            OrganizationId organization,
            ContactId contactId,
            ChatbotId chatbotId,
            ChannelAccountId channelId,
            String text,
            Map<String, Object> details) {
        Contact contact = contacts.find(contactId)
                .filter(c -> c.organizationId().equals(organization))
                .orElseThrow(() ->
                        new NotFoundException("contact_not_found", "No contact with id '" + contactId.value() + "'"));
        ChatbotId chatbot = chatbotId != null ? chatbotId : lastChatbot(organization, contact);
        if (!chatbots.get(chatbot).organizationId().equals(organization)) {
            throw new NotFoundException("chatbot_not_found", "No chatbot with id '" + chatbot + "'");
        }
        OutboundContent content = new OutboundContent.Text(text == null ? null : text.strip());
        ChannelAccount account =
                channelId != null ? reach.chosen(chatbot, channelId, content) : route(chatbot, contact, content);
        if (!reach.reachable(account, contact)) {
            throw new InvalidRequestException(
                    "not_reachable",
                    "The contact has no identity a " + account.type().wireName() + " channel can address",
                    Map.of("channelId", account.id().value()));
        }
        return messages.send(new Proactive(
                        organization,
                        chatbot,
                        account.id(),
                        account.type(),
                        contact.id(),
                        content,
                        Lane.TRANSACTIONAL,
                        "direct:" + UUID.randomUUID(),
                        details))
                .orElseThrow();
    }

    /**
     * The first proactive channel that addresses the contact; when only channels that cannot write first address
     * it, {@value Reach#NOT_PROACTIVE}.
     */
    private ChannelAccount route(ChatbotId chatbot, Contact contact, OutboundContent content) {
        List<ChannelAccount> addressing = accounts.list(chatbot).stream()
                .filter(a -> channels.find(a.type()).isPresent() && reach.reachable(a, contact))
                .toList();
        if (addressing.isEmpty()) {
            throw new InvalidRequestException(
                    "not_reachable", "None of the chatbot's channels can address this contact");
        }
        ChannelAccount account = addressing.stream()
                .filter(a -> channels.capabilities(a.type()).proactive())
                .findFirst()
                .orElseThrow(() -> reach.notProactive(addressing.getFirst()));
        content.validateFor(account.type(), channels.capabilities(account.type()));
        return account;
    }

    /** Contacts are the organization's (ADR 31): the chatbot the contact wrote to last, else the one that first saw it. */
    private ChatbotId lastChatbot(OrganizationId organization, Contact contact) {
        return conversations.of(organization, contact.id(), 1).stream()
                .map(ContactConversations.Entry::chatbotId)
                .findFirst()
                .or(() -> java.util.Optional.ofNullable(contact.firstChatbotId()))
                .orElseThrow(() -> new InvalidRequestException(
                        "validation_failed",
                        "chatbotId is required: the contact has not talked with a chatbot",
                        Map.of(
                                "errors",
                                List.of(Map.of(
                                        "field",
                                        "chatbotId",
                                        "message",
                                        "is required: the contact has not talked with a chatbot")))));
    }
}
