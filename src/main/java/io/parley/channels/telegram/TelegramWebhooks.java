package io.parley.channels.telegram;

import io.parley.platform.InvalidRequestException;
import io.parley.platform.Secret;
import io.parley.platform.UpstreamException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A bot's identity and webhook as the Bot API keeps them: {@code getMe} (is the token valid?), {@code setWebhook}
 * with the secret token and the update types Parley reads, and {@code deleteWebhook}. A token Telegram refuses is a
 * 400 {@code telegram_token_invalid}; Telegram unreachable or failing is a 422 {@code telegram_unavailable} (the
 * request was fine, try again later); neither message carries the token or a URL.
 */
@Component
class TelegramWebhooks {
    private static final Logger log = LoggerFactory.getLogger(TelegramWebhooks.class);
    /** What Parley reads; {@code chat_member} and reactions are not delivered unless named. */
    static final List<String> ALLOWED_UPDATES =
            List.of("message", "edited_message", "callback_query", "my_chat_member");

    private final BotApi api;

    TelegramWebhooks(BotApi api) {
        this.api = api;
    }

    /** The bot behind a token, as {@code getMe} answers. */
    record Identity(long id, String username) {}

    Identity identify(Secret token) {
        BotAnswer answer = call(token, "getMe", Map.of());
        if (answer.status() == 401 || answer.status() == 404) {
            throw new InvalidRequestException(
                    "telegram_token_invalid",
                    "Telegram refused the bot token (" + answer.why() + ")",
                    Map.of("field", "botToken"));
        }
        if (!answer.ok() || !answer.result().path("id").canConvertToLong()) {
            throw unavailable("getMe answered HTTP " + answer.status(), null);
        }
        String username = answer.result().path("username").asString("");
        return new Identity(answer.result().path("id").asLong(), username.isBlank() ? "bot" : username);
    }

    void register(Secret token, String url, Secret secret) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("url", url);
        parameters.put("secret_token", secret.reveal());
        parameters.put("allowed_updates", ALLOWED_UPDATES);
        BotAnswer answer = call(token, "setWebhook", parameters);
        if (answer.ok()) {
            return;
        }
        if (answer.status() / 100 == 4) {
            throw new InvalidRequestException(
                    "telegram_webhook_refused",
                    "Telegram refused the webhook for this Parley's public URL (" + answer.why()
                            + "); Telegram needs https on port 443, 80, 88 or 8443 (PARLEY_PUBLIC_URL)",
                    Map.of("field", "botToken"));
        }
        throw unavailable("setWebhook answered HTTP " + answer.status(), null);
    }

    /** Best effort: the channel is gone either way; a failure is logged by status only. */
    void remove(Secret token) {
        try {
            BotAnswer answer = api.call(token, "deleteWebhook", Map.of());
            if (!answer.ok()) {
                log.warn("Telegram deleteWebhook answered HTTP {}", answer.status());
            }
        } catch (IOException e) {
            log.warn("Telegram deleteWebhook failed: {}", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BotAnswer call(Secret token, String method, Map<String, ?> parameters) {
        try {
            return api.call(token, method, parameters);
        } catch (IOException e) {
            throw unavailable("Telegram could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while asking Telegram", e);
        }
    }

    private static UpstreamException unavailable(String message, Throwable cause) {
        // The cause's message may hold the URL (and with it the token): keep only its type.
        return new UpstreamException(
                "telegram_unavailable",
                "The Telegram Bot API is not available: " + message,
                true,
                Map.of("reason", "telegram_unavailable"),
                cause == null ? null : new IOException(cause.getClass().getSimpleName()));
    }
}
