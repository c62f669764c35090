package io.parley.channels.telegram;

import java.util.Map;

/**
 * One Bot API call an outbound message needs.
 *
 * @param plainFallback the same message without {@code parse_mode}, for the one retry after Telegram could not parse
 *                      the MarkdownV2 ({@code can't parse entities}); null when the call has no formatted text
 */
record BotRequest(String method, Map<String, Object> parameters, Map<String, Object> plainFallback) {}
