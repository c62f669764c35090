package io.parley.channels.telegram;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/telegram/{channelId}}: one bot's updates. The secret token header is compared in constant
 * time before the body is read (missing, wrong, or a channel nobody connected: 401, nothing stored). 200 only after
 * the update committed, or when retrying cannot help (an update Parley does not read); 400 for a body that is not an
 * update, 413 past the size limit. Telegram retries anything else, and queues the chat's later updates behind it.
 */
@RestController
class TelegramWebhookController {
    static final String PATH = "/webhooks/telegram";
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramStore store;
    private final TelegramIngress ingress;
    private final TelegramFollowUps followUps;
    private final TelegramProperties properties;
    private final JsonMapper json;

    TelegramWebhookController(
            TelegramStore store,
            TelegramIngress ingress,
            TelegramFollowUps followUps,
            TelegramProperties properties,
            JsonMapper json) {
        this.store = store;
        this.ingress = ingress;
        this.followUps = followUps;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping(PATH + "/{channelId}")
    ResponseEntity<?> receive(@PathVariable String channelId, HttpServletRequest request) throws IOException {
        Optional<TelegramBot> bot = bot(channelId);
        if (bot.isEmpty() || !matches(bot.get(), request.getHeader(SECRET_HEADER))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            "invalid_signature",
                            SECRET_HEADER + " is missing or does not match the secret registered for this channel"));
        }
        long limit = properties.maxPayload().toBytes();
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "payload_too_large",
                            "Webhook bodies are limited to " + limit + " bytes"));
        }
        Optional<TelegramUpdate> update;
        try {
            update = TelegramUpdateReader.read(json.readTree(body));
        } catch (JacksonException e) {
            update = Optional.empty();
        }
        if (update.isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "malformed_webhook",
                            "The body is not a Telegram update (a JSON object with an integer update_id)"));
        }
        List<TelegramIngress.FollowUp> after = ingress.store(bot.get(), update.get());
        followUps.run(bot.get(), after);
        return ResponseEntity.ok().build();
    }

    private Optional<TelegramBot> bot(String channelId) {
        try {
            return store.find(new ChannelAccountId(UUID.fromString(channelId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(TelegramBot bot, String header) {
        return header != null
                && MessageDigest.isEqual(
                        bot.webhookSecret().reveal().getBytes(StandardCharsets.UTF_8),
                        header.getBytes(StandardCharsets.UTF_8));
    }
}
