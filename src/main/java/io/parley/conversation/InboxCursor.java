package io.parley.conversation;

import io.parley.platform.ConversationId;
import io.parley.platform.InvalidRequestException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the next inbox page starts: after this conversation in the order newest activity first (ties by id). Its text
 * form ({@link #token}, e.g. {@code 1733590000123456_<uuid>}: microseconds since the epoch and the id) goes into the
 * "more" link; a malformed one is a bad request.
 */
public record InboxCursor(Instant lastMessageAt, ConversationId id) {
    public InboxCursor {
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        Objects.requireNonNull(id, "id");
    }

    public String token() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, lastMessageAt) + "_" + id.value();
    }

    /** The cursor a token names; null for a null or empty token. */
    public static InboxCursor parse(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        int separator = token.indexOf('_');
        try {
            if (separator < 1 || token.length() > 80) {
                throw new IllegalArgumentException(token);
            }
            long micros = Long.parseLong(token.substring(0, separator));
            UUID id = UUID.fromString(token.substring(separator + 1));
            return new InboxCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), new ConversationId(id));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidRequestException("invalid_cursor", "The page cursor is not one this inbox gave out");
        }
    }
}
