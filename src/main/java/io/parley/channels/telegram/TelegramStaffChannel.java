package io.parley.channels.telegram;

import io.parley.delivery.SendOutcome;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.StaffDelivery;
import io.parley.notifications.StaffLink;
import io.parley.platform.OrganizationId;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Telegram as a way to reach staff: values escaped for MarkdownV2, the link a member of staff opens to link their
 * chat ({@code https://t.me/<bot>?start=<code>} on the organization's first connected bot), and a notification's
 * text (already escaped by its template) sent as MarkdownV2 through the bot the chat was linked with. Failures are
 * classified like conversation sends.
 */
@Component
class TelegramStaffChannel implements StaffChannel {
    private final BotApi api;
    private final TelegramStore store;

    TelegramStaffChannel(BotApi api, TelegramStore store) {
        this.api = api;
        this.store = store;
    }

    @Override
    public String name() {
        return TelegramChannel.TYPE.wireName();
    }

    @Override
    public String escape(String value) {
        return MarkdownV2.escape(value);
    }

    @Override
    public Optional<StaffLink> linkFor(OrganizationId organizationId, String code) {
        return store.ofOrganization(organizationId).stream()
                .findFirst()
                .map(bot -> new StaffLink("https://t.me/" + bot.username() + "?start=" + code, bot.channelAccountId()));
    }

    @Override
    public SendOutcome send(StaffDelivery delivery) {
        Optional<TelegramBot> bot = delivery.via() == null ? Optional.empty() : store.find(delivery.via());
        if (bot.isEmpty() || !bot.get().organizationId().equals(delivery.organizationId())) {
            return new SendOutcome.Rejected(
                    "channel_not_found", "The Telegram bot of this contact point is gone", false);
        }
        long chat;
        try {
            chat = Long.parseLong(delivery.address().strip());
        } catch (NumberFormatException e) {
            return new SendOutcome.Rejected("invalid_recipient", "A Telegram address is a numeric chat id", false);
        }
        String text = delivery.content().text();
        if (text == null || text.isBlank()) {
            return new SendOutcome.Rejected("empty_message", "The notification has no text for Telegram", false);
        }
        try {
            BotAnswer answer = api.call(
                    bot.get().token(),
                    "sendMessage",
                    Map.of("chat_id", chat, "text", text, "parse_mode", "MarkdownV2"));
            String id = answer.ok() && answer.result() != null
                    ? chat + ":" + answer.result().path("message_id").asLong(0)
                    : null;
            return TelegramOutcomes.of(answer, id);
        } catch (HttpTimeoutException e) {
            return new SendOutcome.RetryLater("timeout", "Telegram did not answer in time", null);
        } catch (IOException e) {
            return new SendOutcome.RetryLater("network_error", e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater("interrupted", "Interrupted while sending", null);
        }
    }
}
