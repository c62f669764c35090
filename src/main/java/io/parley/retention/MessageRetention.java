package io.parley.retention;

/**
 * An organization's message content retention.
 *
 * @param messageContentDays messages older than this many days are anonymized or deleted; null keeps them forever
 * @param mode               {@code anonymize} (content replaced by a marker, payloads cleared) or {@code delete}
 */
public record MessageRetention(Integer messageContentDays, String mode) {
    public static final MessageRetention KEEP = new MessageRetention(null, "anonymize");
}
