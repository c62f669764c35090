package io.parley.console.inbox;

import io.parley.conversation.InboxItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An inbox item with its last activity written for people: the time today, else the day (UTC, the machine-readable
 * instant in {@code datetime}).
 */
public record InboxRow(InboxItem item, String when, String iso) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    static InboxRow of(InboxItem item, Instant now) {
        var at = item.lastMessageAt().atZone(ZoneOffset.UTC);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        String when = at.toLocalDate().equals(today) ? TIME.format(at) : DAY.format(at);
        return new InboxRow(item, when, item.lastMessageAt().toString());
    }
}
