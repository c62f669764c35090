package io.parley.channels.telegram;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * One Bot API answer: {@code {"ok", "result"?, "description"?, "error_code"?, "parameters"?: {"retry_after"?,
 * "migrate_to_chat_id"?}}}. Telegram says {@code error_code} may change, so callers classify on {@link #status()} and
 * the {@link #description()} prefix. A body that is not that JSON (a proxy's error page) reads as not ok, without a
 * result.
 *
 * @param retryAfter {@code parameters.retry_after}, or else the {@code Retry-After} header, or null
 */
record BotAnswer(int status, boolean ok, JsonNode result, String description, Duration retryAfter) {

    /** The description's text, never null (Telegram's explanation of a refusal; it never contains the token). */
    String why() {
        return description == null ? "HTTP " + status : description;
    }

    boolean describes(String fragment) {
        return description != null
                && description.toLowerCase(java.util.Locale.ROOT).contains(fragment.toLowerCase(java.util.Locale.ROOT));
    }
}
