package io.parley.channels.telegram;

import io.parley.conversation.TypingIndicator;
import io.parley.delivery.ChannelSender;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What Parley sends to Telegram: replies (the delivery port) and "typing…" (the conversation's port). The delivery
 * module paces sends before calling this (the channel is paced; the bot's rate is 30 a second, a chat's the
 * operator's per-recipient interval). A chat that blocked the bot is refused without a call. An outbound id Telegram
 * already took is answered from {@code telegram_sends} instead of being sent twice; a timeout after the request left
 * is retried all the same (Telegram has no delivery reports to wait for), accepting a rare duplicate (ADR 61).
 */
@Component
class TelegramSender implements ChannelSender, TypingIndicator {
    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);

    private final BotApi api;
    private final TelegramStore store;
    private final TelegramChannel definition;
    private final SystemEvents events;
    private final Clock clock;

    TelegramSender(BotApi api, TelegramStore store, TelegramChannel definition, SystemEvents events, Clock clock) {
        this.api = api;
        this.store = store;
        this.definition = definition;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public ChannelType channel() {
        return TelegramChannel.TYPE;
    }

    @Override
    public SendOutcome send(OutboundEnvelope envelope) {
        Optional<SendOutcome> unsupported = SendOutcome.unsupported(envelope.content(), definition.capabilities());
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        Optional<TelegramBot> bot = store.find(envelope.channelAccountId());
        if (bot.isEmpty()) {
            return new SendOutcome.Rejected("channel_not_found", "The Telegram channel was removed", false);
        }
        Long chat = chatId(envelope.recipient());
        if (chat == null) {
            return new SendOutcome.Rejected("invalid_recipient", "A Telegram recipient is a numeric chat id", false);
        }
        if (store.isBlocked(envelope.channelAccountId(), chat)) {
            return new SendOutcome.Rejected(TelegramOutcomes.BLOCKED, "The contact blocked the bot", false);
        }
        Optional<String> earlier =
                store.sentAs(envelope.channelAccountId(), envelope.id().value());
        if (earlier.isPresent()) {
            return new SendOutcome.Sent(earlier.get());
        }
        List<BotRequest> requests =
                TelegramMessages.requests(chat, envelope.content(), replyTo(chat, envelope.contextMessageId()));
        SendOutcome outcome = sendAll(bot.get(), chat, requests);
        switch (outcome) {
            case SendOutcome.Sent sent ->
                store.sent(
                        envelope.channelAccountId(), envelope.id().value(), sent.providerMessageId(), clock.instant());
            case SendOutcome.Rejected rejected
            when rejected.code().equals(TelegramOutcomes.BLOCKED) -> unreachable(bot.get(), chat);
            default -> {}
        }
        return outcome;
    }

    /** Each call in turn; the first that fails decides (a retry sends the whole message again). */
    private SendOutcome sendAll(TelegramBot bot, long chat, List<BotRequest> requests) {
        String firstId = null;
        for (BotRequest request : requests) {
            SendOutcome outcome = sendOne(bot, chat, request);
            if (!(outcome instanceof SendOutcome.Sent sent)) {
                return outcome;
            }
            firstId = firstId == null ? sent.providerMessageId() : firstId;
        }
        return new SendOutcome.Sent(firstId);
    }

    private SendOutcome sendOne(TelegramBot bot, long chat, BotRequest request) {
        try {
            BotAnswer answer = api.call(bot.token(), request.method(), request.parameters());
            if (TelegramOutcomes.unparsable(answer) && request.plainFallback() != null) {
                log.warn("Telegram could not parse a MarkdownV2 {}; sending it as plain text", request.method());
                answer = api.call(bot.token(), request.method(), request.plainFallback());
            }
            return TelegramOutcomes.of(answer, providerId(chat, answer));
        } catch (HttpTimeoutException e) {
            return new SendOutcome.RetryLater("timeout", "Telegram did not answer in time", null);
        } catch (IOException e) {
            return new SendOutcome.RetryLater("network_error", e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater("interrupted", "Interrupted while sending", null);
        }
    }

    private void unreachable(TelegramBot bot, long chat) {
        store.blocked(bot.channelAccountId(), chat, clock.instant());
        events.record(SystemEvent.of(SystemEvent.Level.INFO, "telegram.contact_unreachable")
                .organization(bot.organizationId())
                .with("channelAccountId", bot.channelAccountId().toString())
                .with("reason", "send_refused_blocked")
                .build());
    }

    @Override
    public void show(ChannelAccountId channelAccountId, String providerMessageId) {
        Long chat = providerMessageId == null ? null : chatId(providerMessageId.split(":", 2)[0]);
        Optional<TelegramBot> bot = store.find(channelAccountId);
        if (chat == null || bot.isEmpty()) {
            return;
        }
        try {
            BotAnswer answer =
                    api.call(bot.get().token(), "sendChatAction", Map.of("chat_id", chat, "action", "typing"));
            if (!answer.ok()) {
                log.debug("Telegram sendChatAction answered HTTP {}", answer.status());
            }
        } catch (IOException e) {
            log.debug("Telegram sendChatAction failed: {}", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String providerId(long chat, BotAnswer answer) {
        if (!answer.ok() || answer.result() == null) {
            return null;
        }
        long messageId = answer.result().path("message_id").asLong(0);
        return chat + ":" + messageId;
    }

    /** The message id of {@code "<chat>:<message id>"} in this chat, or null. */
    private static Long replyTo(long chat, String contextMessageId) {
        if (contextMessageId == null) {
            return null;
        }
        String[] parts = contextMessageId.split(":");
        if (parts.length != 2 || !parts[0].equals(Long.toString(chat))) {
            return null;
        }
        return chatId(parts[1]);
    }

    private static Long chatId(String value) {
        try {
            return value == null ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
