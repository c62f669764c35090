package io.parley.channels.telegram;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs what a stored update asks for once it committed: {@code answerCallbackQuery} for a button press, the answer to
 * a staff link code. Best effort (the update is stored either way); a failure is logged by method and status only.
 */
@Component
class TelegramFollowUps {
    private static final Logger log = LoggerFactory.getLogger(TelegramFollowUps.class);

    private final BotApi api;

    TelegramFollowUps(BotApi api) {
        this.api = api;
    }

    void run(TelegramBot bot, List<TelegramIngress.FollowUp> followUps) {
        for (TelegramIngress.FollowUp followUp : followUps) {
            switch (followUp) {
                case TelegramIngress.FollowUp.AnswerButton answer ->
                    call(bot, "answerCallbackQuery", Map.of("callback_query_id", answer.queryId()));
                case TelegramIngress.FollowUp.Reply reply ->
                    call(bot, "sendMessage", Map.of("chat_id", reply.chatId(), "text", reply.text()));
            }
        }
    }

    private void call(TelegramBot bot, String method, Map<String, ?> parameters) {
        try {
            BotAnswer answer = api.call(bot.token(), method, parameters);
            if (!answer.ok()) {
                log.warn("Telegram {} answered HTTP {}", method, answer.status());
            }
        } catch (IOException e) {
            log.warn("Telegram {} failed: {}", method, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
