package io.parley.channels.telegram;

import io.parley.platform.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client for the Telegram Bot API ({@code parley.telegram.api-url}): {@code POST /bot<token>/<method>}
 * with a JSON body, every answer read as a {@link BotAnswer}, and file downloads from {@code /file/bot<token>/}. The
 * token is in every URL, so no URL built here is ever logged or put in an exception message. Transport failures are
 * thrown as they come ({@link IOException}, {@link InterruptedException}); whether a lost answer may be retried is
 * the caller's decision.
 */
@Component
@EnableConfigurationProperties(TelegramProperties.class)
class BotApi {
    private final TelegramProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    BotApi(TelegramProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Calls {@code method} with {@code parameters} as JSON. */
    BotAnswer call(Secret token, String method, Map<String, ?> parameters) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/bot", token, method))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(parameters)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return answer(response.statusCode(), response.body(), response.headers());
    }

    /** {@code GET /file/bot<token>/<filePath>}: the headers within the request timeout; the caller bounds the body. */
    HttpResponse<InputStream> download(Secret token, String filePath) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/file/bot", token, filePath))
                .timeout(properties.requestTimeout())
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private URI uri(String prefix, Secret token, String path) {
        // The token is ours to check (digits, ':', letters, '-', '_'), the path Telegram's: encode it segment-wise.
        StringBuilder encoded = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!encoded.isEmpty()) {
                encoded.append('/');
            }
            encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(properties.base() + prefix + token.reveal() + "/" + encoded);
    }

    private BotAnswer answer(int status, String body, HttpHeaders headers) {
        Duration headerRetry = retryAfterHeader(headers);
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return new BotAnswer(status, false, null, null, headerRetry);
        }
        boolean ok = node.path("ok").asBoolean(false) && status / 100 == 2;
        JsonNode description = node.path("description");
        JsonNode retryAfter = node.path("parameters").path("retry_after");
        Duration retry = retryAfter.canConvertToLong() && retryAfter.asLong() >= 0
                ? Duration.ofSeconds(Math.min(retryAfter.asLong(), 3600))
                : headerRetry;
        return new BotAnswer(
                status,
                ok,
                ok ? node.path("result") : null,
                description.isString() ? description.asString() : null,
                retry);
    }

    private static Duration retryAfterHeader(HttpHeaders headers) {
        OptionalLong seconds = OptionalLong.empty();
        try {
            seconds = headers.firstValueAsLong("Retry-After");
        } catch (NumberFormatException e) {
            // an HTTP date or garbage: no hint
        }
        return seconds.isPresent() && seconds.getAsLong() >= 0
                ? Duration.ofSeconds(Math.min(seconds.getAsLong(), 3600))
                : null;
    }
}
