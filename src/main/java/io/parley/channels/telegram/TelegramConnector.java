package io.parley.channels.telegram;

import io.parley.delivery.Deliveries;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.PublicUrl;
import io.parley.platform.Secret;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.ChannelConnector;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connecting a Telegram bot ({@code {"type": "telegram", "botToken"}}): the token is checked with {@code getMe}
 * before anything is stored, then the channel account, the sealed token and a random webhook {@code secret_token}
 * are written and {@code setWebhook} registers {@code /webhooks/telegram/{channelId}} in the same transaction, so a
 * refused registration leaves nothing behind. The bot's rate is set to Telegram's 30 messages a second. The token
 * and the secret are never shown; the listing shows the bot's username and the webhook URL. PATCH with a new
 * {@code botToken} of the same bot rotates the token.
 */
@Component
class TelegramConnector implements ChannelConnector {
    /** {@code <bot id>:<secret>} as BotFather hands it out; anything else never reaches a URL. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,200}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelAccounts accounts;
    private final TelegramStore store;
    private final TelegramWebhooks webhooks;
    private final Deliveries deliveries;
    private final PublicUrl publicUrl;
    private final TransactionTemplate transactions;

    TelegramConnector(
            ChannelAccounts accounts,
            TelegramStore store,
            TelegramWebhooks webhooks,
            Deliveries deliveries,
            PublicUrl publicUrl,
            TransactionTemplate transactions) {
        this.accounts = accounts;
        this.store = store;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.publicUrl = publicUrl;
        this.transactions = transactions;
    }

    @Override
    public ChannelType type() {
        return TelegramChannel.TYPE;
    }

    @Override
    public Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request) {
        String token = token(request);
        TelegramWebhooks.Identity bot = webhooks.identify(Secret.of(token));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        ChannelAccount account;
        try {
            account = transactions.execute(status -> {
                ChannelAccount created = accounts.connect(chatbotId, TelegramChannel.TYPE);
                store.insert(created.id(), created.organizationId(), bot.id(), bot.username(), token, secret);
                deliveries.setMessagesPerSecond(
                        created.organizationId(), created.id(), TelegramChannel.BOT_MESSAGES_PER_SECOND);
                webhooks.register(Secret.of(token), webhookUrl(created), Secret.of(secret));
                return created;
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "channel_already_connected", "Telegram bot @" + bot.username() + " is already connected");
        }
        return view(account);
    }

    /**
     * {@code {"botToken"}}: a new token of the same bot (BotFather's {@code /revoke}), checked with {@code getMe} and
     * registered with {@code setWebhook} before it replaces the old one; a token of another bot is refused.
     */
    @Override
    public Map<String, Object> update(ChannelAccount account, Map<String, Object> request) {
        String token = token(request);
        TelegramBot current = store.find(account.id())
                .orElseThrow(() -> new NotFoundException(
                        "channel_not_found", "No channel account with id '" + account.id() + "'"));
        TelegramWebhooks.Identity bot = webhooks.identify(Secret.of(token));
        if (bot.id() != current.botId()) {
            throw new InvalidRequestException(
                    "telegram_token_invalid",
                    "botToken belongs to another bot (@" + bot.username() + "); connect it as a new channel",
                    Map.of("field", "botToken"));
        }
        transactions.executeWithoutResult(status -> {
            store.replaceToken(account.id(), token);
            webhooks.register(Secret.of(token), webhookUrl(account), current.webhookSecret());
        });
        return view(account);
    }

    @Override
    public Map<String, Object> view(ChannelAccount account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", account.id().value());
        view.put("chatbotId", account.chatbotId().value());
        view.put("type", TelegramChannel.TYPE.wireName());
        store.find(account.id()).ifPresent(bot -> {
            view.put("botUsername", bot.username());
            view.put("botId", bot.botId());
            view.put("botTokenSet", true);
        });
        view.put("webhookUrl", webhookUrl(account));
        view.put("createdAt", account.createdAt());
        return view;
    }

    private String webhookUrl(ChannelAccount account) {
        return publicUrl.resolve(TelegramWebhookController.PATH + "/" + account.id());
    }

    private static String token(Map<String, Object> request) {
        for (String field : request.keySet()) {
            if (!field.equals("type") && !field.equals("botToken")) {
                throw invalid(field, "is not a setting of a telegram channel (known: botToken, type)");
            }
        }
        if (!(request.get("botToken") instanceof String token) || token.isBlank()) {
            throw invalid("botToken", "is required: the bot token BotFather gave (123456:ABC-...)");
        }
        if (!TOKEN.matcher(token.strip()).matches()) {
            throw new InvalidRequestException(
                    "telegram_token_invalid",
                    "botToken is not a Telegram bot token (<bot id>:<secret>, as BotFather gives it)",
                    Map.of("field", "botToken"));
        }
        return token.strip();
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
