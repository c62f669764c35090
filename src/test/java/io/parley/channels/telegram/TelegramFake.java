package io.parley.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The Telegram Bot API on the shared WireMock, one bot per test: every path carries the bot's token
 * ({@code /telegram/bot<token>/<method>}), so tests of different tenants never see each other's calls.
 */
final class TelegramFake {
    private static final AtomicLong BOT_IDS = new AtomicLong(6_000_000_000L + System.nanoTime() % 1_000_000_000L);
    private static final List<String> METHODS = List.of(
            "getMe",
            "setWebhook",
            "deleteWebhook",
            "sendMessage",
            "sendPhoto",
            "sendDocument",
            "sendAudio",
            "sendVideo",
            "sendLocation",
            "sendVenue",
            "sendChatAction",
            "answerCallbackQuery",
            "getFile");

    private TelegramFake() {}

    /** A bot whose token the fake accepts for every method Parley calls. */
    record Bot(long id, String token, String username) {
        String path(String method) {
            return "/telegram/bot" + token + "/" + method;
        }
    }

    static Bot newBot() {
        return stubbed(BOT_IDS.incrementAndGet());
    }

    /** The same bot with a new token (BotFather's {@code /revoke}). */
    static Bot newToken(Bot bot) {
        return stubbed(bot.id());
    }

    private static Bot stubbed(long id) {
        Bot bot = new Bot(id, id + ":AA" + UUID.randomUUID().toString().replace("-", ""), "parley_" + id + "_bot");
        for (String method : METHODS) {
            ResponseDefinitionBuilder ok = switch (method) {
                case "getMe" -> okJson("""
                        {"ok": true, "result": {"id": %d, "is_bot": true, "first_name": "Parley",
                         "username": "%s"}}""".formatted(id, bot.username()));
                case "setWebhook", "deleteWebhook", "sendChatAction", "answerCallbackQuery" ->
                    okJson("{\"ok\": true, \"result\": true}");
                case "getFile" ->
                    okJson("{\"ok\": true, \"result\": {\"file_id\": \"f\", \"file_path\": \"photos/f.jpg\"}}");
                default -> sent();
            };
            Fakes.wiremock()
                    .stubFor(
                            post(urlPathEqualTo(bot.path(method))).atPriority(5).willReturn(ok));
        }
        return bot;
    }

    /** A send Telegram accepted; like Telegram, each answer has a new message id. */
    static ResponseDefinitionBuilder sent() {
        return okJson("""
                        {"ok": true, "result": {"message_id": {{randomInt lower=1 upper=2000000000}}, "date": 1765000000,
                         "chat": {"id": 1, "type": "private"}}}""").withTransformers("response-template");
    }

    /** A Bot API refusal: {@code {"ok": false, "error_code", "description", "parameters": {"retry_after"}}}. */
    static ResponseDefinitionBuilder error(int status, String description, Integer retryAfter) {
        String parameters = retryAfter == null ? "" : ", \"parameters\": {\"retry_after\": " + retryAfter + "}";
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": false, \"error_code\": %d, \"description\": \"%s\"%s}"
                        .formatted(status, description, parameters));
    }

    /** From now on {@code method} of this bot answers {@code response}. */
    static void answer(Bot bot, String method, ResponseDefinitionBuilder response) {
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(bot.path(method))).atPriority(1).willReturn(response));
    }

    /** {@code method} answers {@code first}, then {@code then} for every later call. */
    static void answerOnceThen(
            Bot bot, String method, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        String scenario = "telegram-" + bot.id() + "-" + method;
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(bot.path(method)))
                        .atPriority(1)
                        .inScenario(scenario)
                        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                        .willReturn(first)
                        .willSetStateTo("answered"));
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(bot.path(method)))
                        .atPriority(1)
                        .inScenario(scenario)
                        .whenScenarioStateIs("answered")
                        .willReturn(then));
    }

    /** The bodies of this bot's calls of {@code method}, oldest first. */
    static List<JsonNode> calls(Bot bot, String method) {
        return Fakes.wiremock().findAll(postRequestedFor(urlPathEqualTo(bot.path(method)))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> Api.json().readTree(request.getBodyAsString()))
                .toList();
    }

    /** The secret token Parley registered with {@code setWebhook} for this bot (the last registration). */
    static String webhookSecret(Bot bot) {
        List<JsonNode> registrations = calls(bot, "setWebhook");
        return registrations.getLast().path("secret_token").asString();
    }

    /** A text message update from a private chat with user {@code userId}. */
    static String text(long updateId, long userId, long messageId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": 1765000000,
                 "from": {"id": %d, "is_bot": false, "first_name": "Ana", "username": "ana"},
                 "chat": {"id": %d, "type": "private", "first_name": "Ana"}, "text": %s}}""".formatted(updateId, messageId, userId, userId, Api.json().writeValueAsString(text));
    }

    /** The user pressed the button whose callback data is {@code data} under message {@code messageId}. */
    static String buttonPress(long updateId, long userId, long messageId, String data, String title) {
        return """
                {"update_id": %d, "callback_query": {"id": "cq%d", "chat_instance": "1",
                 "from": {"id": %d, "is_bot": false, "first_name": "Ana"},
                 "message": {"message_id": %d, "date": 1765000000, "chat": {"id": %d, "type": "private"},
                  "text": "Pick one", "reply_markup": {"inline_keyboard": [[{"text": %s, "callback_data": %s}]]}},
                 "data": %s}}""".formatted(
                        updateId,
                        updateId,
                        userId,
                        messageId,
                        userId,
                        Api.json().writeValueAsString(title),
                        Api.json().writeValueAsString(data),
                        Api.json().writeValueAsString(data));
    }

    /** The user blocked the bot. */
    static String blocked(long updateId, long userId) {
        return """
                {"update_id": %d, "my_chat_member": {"chat": {"id": %d, "type": "private"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Ana"}, "date": 1765000000,
                 "old_chat_member": {"user": {"id": 1, "is_bot": true, "first_name": "Parley"}, "status": "member"},
                 "new_chat_member": {"user": {"id": 1, "is_bot": true, "first_name": "Parley"}, "status": "kicked",
                  "until_date": 0}}}""".formatted(updateId, userId, userId);
    }
}
