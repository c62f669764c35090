package io.parley.media.internal;

import io.parley.platform.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.media.*}. Size limits default to WhatsApp's own per type; a larger file fails {@code too_large}
 * before its bytes are fetched when the provider declares its size, or as soon as the limit is passed otherwise.
 *
 * @param maxImage      largest image kept
 * @param maxVideo      largest video kept
 * @param maxAudio      largest audio / voice note kept
 * @param maxDocument   largest document kept
 * @param maxSticker    largest sticker kept
 * @param maxRetries    retries of a transient failure or checksum mismatch after the first attempt
 * @param firstBackoff  delay before the first retry; later ones grow by {@code backoffFactor}, ±{@code jitter}
 * @param maxBackoff    no retry waits longer
 */
@ConfigurationProperties("parley.media")
public record MediaProperties(
        @DefaultValue("5MB") DataSize maxImage,
        @DefaultValue("16MB") DataSize maxVideo,
        @DefaultValue("16MB") DataSize maxAudio,
        @DefaultValue("100MB") DataSize maxDocument,
        @DefaultValue("500KB") DataSize maxSticker,
        @DefaultValue("4") int maxRetries,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("3.0") double backoffFactor,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("10m") Duration maxBackoff) {

    public long maxBytes(String kind) {
        DataSize limit = switch (kind) {
            case "image" -> maxImage;
            case "video" -> maxVideo;
            case "audio" -> maxAudio;
            case "sticker" -> maxSticker;
            default -> maxDocument;
        };
        return limit.toBytes();
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, firstBackoff, backoffFactor, jitter, maxBackoff);
    }
}
