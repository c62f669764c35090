package io.parley.tenancy;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.internal.ChannelAccountRepository;
import io.parley.tenancy.internal.ChatbotRepository;
import io.parley.tenancy.internal.OrganizationRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting a channel, a chatbot or an organization (ADR 33). In one transaction: every {@link TenantDataEraser}
 * erases what the database cannot cascade over (media files), then one {@code delete} removes the row and, by
 * foreign-key cascade, everything under it: conversations, messages, contacts, turns, outbox rows, dead letters,
 * usage records of the chatbot, knowledge, tools, API keys, users, and the encrypted credentials with their rows.
 * Jobs still scheduled for deleted rows find nothing and end without an error. After the commit this node stops
 * trusting the removed WhatsApp numbers at once.
 */
@Service
public class TenantDeletions {
    private static final Logger log = LoggerFactory.getLogger(TenantDeletions.class);

    private final Organizations organizations;
    private final Chatbots chatbots;
    private final ChannelAccounts channelAccounts;
    private final OrganizationRepository organizationRows;
    private final ChatbotRepository chatbotRows;
    private final ChannelAccountRepository channelRows;
    private final List<TenantDataEraser> erasers;

    TenantDeletions(
            Organizations organizations,
            Chatbots chatbots,
            ChannelAccounts channelAccounts,
            OrganizationRepository organizationRows,
            ChatbotRepository chatbotRows,
            ChannelAccountRepository channelRows,
            List<TenantDataEraser> erasers) {
        this.organizations = organizations;
        this.chatbots = chatbots;
        this.channelAccounts = channelAccounts;
        this.organizationRows = organizationRows;
        this.chatbotRows = chatbotRows;
        this.channelRows = channelRows;
        this.erasers = erasers;
    }

    /** Removes one channel of the chatbot with its conversations; another chatbot's channel id is not found. */
    @Transactional
    public void removeChannel(ChatbotId chatbotId, ChannelAccountId channelId) {
        ChannelAccount account = channelAccounts.getOfChatbot(chatbotId, channelId);
        erase(new DeletionScope.Channels(account.organizationId(), List.of(account.id())));
        channelRows.delete(account.id());
        channelAccounts.forgetAfterCommit(List.of(account));
        log.info("Removed {} channel {} of chatbot {}", account.type().wireName(), account.id(), chatbotId);
    }

    @Transactional
    public void deleteChatbot(ChatbotId id) {
        Chatbot chatbot = chatbots.get(id);
        List<ChannelAccount> accounts = channelRows.listByChatbot(id);
        erase(new DeletionScope.Channels(
                chatbot.organizationId(),
                accounts.stream().map(ChannelAccount::id).toList()));
        chatbotRows.delete(id);
        channelAccounts.forgetAfterCommit(accounts);
        log.info("Deleted chatbot {} with {} channel(s)", id, accounts.size());
    }

    @Transactional
    public void deleteOrganization(OrganizationId id) {
        organizations.get(id);
        List<ChannelAccount> accounts = channelRows.listByOrganization(id);
        erase(new DeletionScope.Organization(id));
        organizationRows.delete(id);
        channelAccounts.forgetAfterCommit(accounts);
        log.info("Deleted organization {} with {} channel(s)", id, accounts.size());
    }

    private void erase(DeletionScope scope) {
        erasers.forEach(eraser -> eraser.erase(scope));
    }
}
