package io.parley.channels.telegram;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.telegram.*}
 *
 * @param apiUrl               the Bot API base, without {@code /bot<token>} ({@code PARLEY_TELEGRAM_APIURL}); tests
 *                             point it at WireMock
 * @param connectTimeout       connecting to the Bot API
 * @param requestTimeout       one Bot API call, answer included
 * @param maxPayload           larger webhook bodies are refused with 413 (an update is a few kilobytes)
 * @param maxFileSize          the largest inbound file Parley asks for; the Bot API hands out at most 20 MB
 * @param mediaTransferTimeout the longest one inbound file download may take once its headers arrived
 */
@ConfigurationProperties("parley.telegram")
public record TelegramProperties(
        @DefaultValue("https://api.telegram.org") String apiUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("1MB") DataSize maxPayload,
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("5m") Duration mediaTransferTimeout) {

    /** The base without a trailing slash. */
    String base() {
        return apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }
}
