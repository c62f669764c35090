package io.parley.channels.telegram;

import io.parley.contacts.ContactIdentity;
import io.parley.conversation.Conversations;
import io.parley.conversation.InboundMessage;
import io.parley.conversation.Receipt;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.media.InboundMedia;
import io.parley.media.MediaLibrary;
import io.parley.notifications.StaffLinks;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one verified update in one transaction and says what to do once it committed (the webhook answers 200 only
 * after that). The update id is recorded first: a redelivery stores nothing. A message from a private chat becomes
 * the contact's inbound message (identity: the Telegram user id; one conversation per chat, since a private chat's id
 * is its user's); an edit is stored as a message that starts no turn; a button press becomes the contact's answer
 * (its callback data as the id, its label as the text) and is answered with {@code answerCallbackQuery}; a bot
 * blocked by the user marks the chat unreachable. {@code /start <code>} goes to {@link StaffLinks} when the
 * notifications module supplies it, and its reply is sent instead of running the chatbot. Group chats are not
 * conversations: their updates are recorded as seen and ignored.
 */
@Component
class TelegramIngress {
    private final TransactionTemplate transactions;
    private final TelegramStore store;
    private final ChannelAccounts accounts;
    private final Conversations conversations;
    private final MediaLibrary media;
    private final SystemEvents events;
    private final ObjectProvider<StaffLinks> staffLinks;
    private final Clock clock;

    TelegramIngress(
            TransactionTemplate transactions,
            TelegramStore store,
            ChannelAccounts accounts,
            Conversations conversations,
            MediaLibrary media,
            SystemEvents events,
            ObjectProvider<StaffLinks> staffLinks,
            Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.conversations = conversations;
        this.media = media;
        this.events = events;
        this.staffLinks = staffLinks;
        this.clock = clock;
    }

    /** What the webhook does after the commit: Bot API calls that must not happen for a rolled-back update. */
    sealed interface FollowUp {
        /** {@code answerCallbackQuery}, so the person's client stops showing progress. */
        record AnswerButton(String queryId) implements FollowUp {}

        /** A plain-text answer to the chat (the outcome of a staff link code). */
        record Reply(long chatId, String text) implements FollowUp {}
    }

    /**
     * Stores {@code update} for {@code bot}; the follow-ups to run once it committed (none for a redelivery). An
     * update PostgreSQL refuses for its data (SQLSTATE class 22 or 23) would fail the same way on every redelivery
     * and block the chat's later updates: its id is recorded with a {@code telegram.update_not_stored} event and it
     * is acknowledged. Any other failure propagates, so Telegram delivers again.
     */
    List<FollowUp> store(TelegramBot bot, TelegramUpdate update) {
        try {
            return storeAll(bot, update);
        } catch (RuntimeException e) {
            String sqlState = sqlState(e);
            if (sqlState == null || !(sqlState.startsWith("22") || sqlState.startsWith("23"))) {
                throw e;
            }
            return transactions.execute(status -> {
                if (!store.firstTime(bot.channelAccountId(), update.updateId(), clock.instant())) {
                    return List.of();
                }
                events.record(SystemEvent.of(SystemEvent.Level.ERROR, "telegram.update_not_stored")
                        .organization(bot.organizationId())
                        .with("channelAccountId", bot.channelAccountId().toString())
                        .with("updateId", update.updateId())
                        .with("reason", "sqlstate_" + sqlState)
                        .build());
                return update instanceof TelegramUpdate.ButtonPress press
                        ? List.<FollowUp>of(new FollowUp.AnswerButton(press.queryId()))
                        : List.<FollowUp>of();
            });
        }
    }

    /** The SQLSTATE of the first SQL exception in the chain (never its message: it quotes the refused values). */
    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private List<FollowUp> storeAll(TelegramBot bot, TelegramUpdate update) {
        return transactions.execute(status -> {
            if (!store.firstTime(bot.channelAccountId(), update.updateId(), clock.instant())) {
                return List.of();
            }
            List<FollowUp> followUps = new ArrayList<>();
            ChannelAccount account = accounts.get(bot.channelAccountId());
            switch (update) {
                case TelegramUpdate.Message message
                when message.sender().isPrivate() -> message(account, message, followUps);
                case TelegramUpdate.ButtonPress press -> {
                    followUps.add(new FollowUp.AnswerButton(press.queryId()));
                    if (press.sender().isPrivate() && press.data() != null) {
                        buttonPress(account, press);
                    }
                }
                case TelegramUpdate.Membership change when change.sender().isPrivate() -> membership(account, change);
                default -> {}
            }
            return followUps;
        });
    }

    private void message(ChannelAccount account, TelegramUpdate.Message message, List<FollowUp> followUps) {
        store.unblocked(account.id(), message.sender().chatId());
        if (!message.edited() && message.type().equals("text")) {
            Optional<String> code = StartCommand.code(message.text());
            StaffLinks links = staffLinks.getIfAvailable();
            if (code.isPresent() && links != null) {
                StaffLinks.Redemption redemption = links.redeem(
                        TelegramChannel.TYPE.wireName(),
                        account.organizationId(),
                        account.id(),
                        Long.toString(message.sender().chatId()),
                        code.get());
                followUps.add(new FollowUp.Reply(message.sender().chatId(), redemption.reply()));
                return;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>(message.details());
        String providerId = message.providerId();
        String type = message.type();
        if (message.edited()) {
            // The conversation keeps messages, not versions: the edit is a message of its own that starts no turn.
            details.put("edits", providerId);
            details.put("edited_type", type);
            providerId = providerId + ":edit:" + message.details().getOrDefault("edit_date", message.updateId());
            type = "edit";
        }
        Receipt receipt = conversations.receive(new InboundMessage(
                account.organizationId(),
                account.chatbotId(),
                account.id(),
                TelegramChannel.TYPE,
                providerId,
                List.of(identity(message.sender())),
                message.sender().name(),
                type,
                message.text(),
                details,
                null,
                message.date(),
                !message.edited() && !type.equals("unsupported")));
        if (!receipt.duplicate() && message.fileId() != null && InboundMedia.KINDS.contains(message.type())) {
            InboundMedia attachment = new InboundMedia(
                    account.organizationId(),
                    account.id(),
                    TelegramChannel.TYPE,
                    receipt.conversationId(),
                    receipt.messageId(),
                    message.type(),
                    message.fileId(),
                    message.mimeType(),
                    null);
            if (receipt.throttled()) {
                media.registerSkipped(attachment, "throttled");
            } else {
                media.register(attachment);
            }
        }
    }

    private void buttonPress(ChannelAccount account, TelegramUpdate.ButtonPress press) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", press.data());
        if (press.title() != null) {
            details.put("title", press.title());
        }
        if (press.messageId() != null) {
            details.put("message_id", press.messageId());
        }
        conversations.receive(new InboundMessage(
                account.organizationId(),
                account.chatbotId(),
                account.id(),
                TelegramChannel.TYPE,
                press.sender().chatId() + ":callback:" + press.queryId(),
                List.of(identity(press.sender())),
                press.sender().name(),
                "button_reply",
                press.title() != null ? press.title() : press.data(),
                details,
                press.messageId() == null ? null : press.sender().chatId() + ":" + press.messageId(),
                clock.instant(),
                true));
    }

    private void membership(ChannelAccount account, TelegramUpdate.Membership change) {
        long chat = change.sender().chatId();
        if (change.status().equals("kicked")) {
            store.blocked(account.id(), chat, clock.instant());
            events.record(SystemEvent.of(SystemEvent.Level.INFO, "telegram.contact_unreachable")
                    .organization(account.organizationId())
                    .chatbot(account.chatbotId())
                    .with("channelAccountId", account.id().toString())
                    .with("reason", "blocked_by_user")
                    .build());
        } else if (change.status().equals("member")) {
            store.unblocked(account.id(), chat);
        }
    }

    static ContactIdentity identity(TelegramUpdate.Sender sender) {
        return new ContactIdentity(TelegramChannel.IDENTITY, Long.toString(sender.userId()));
    }
}
