package io.parley.console.inbox;

import io.parley.access.StaffUserId;
import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.InboxCursor;
import io.parley.conversation.InboxFilter;
import io.parley.conversation.Owner;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The inbox's query parameters as the filter form sends them ({@code channel}, {@code chatbot}, {@code owner},
 * {@code waiting}, {@code mine}, {@code unassigned}, {@code failed}, {@code q}, {@code after}): checked into an
 * {@link InboxFilter}, a malformed value being a bad request (400), and written back as the query string of the
 * "more" link and the live refresh.
 */
public record InboxQuery(
        String channel,
        String chatbot,
        String owner,
        boolean waiting,
        boolean mine,
        boolean unassigned,
        boolean failed,
        String q,
        String after) {

    static InboxQuery of(
            String channel,
            String chatbot,
            String owner,
            String waiting,
            String mine,
            String unassigned,
            String failed,
            String q,
            String after) {
        return new InboxQuery(
                blankToNull(channel),
                blankToNull(chatbot),
                blankToNull(owner),
                flag("waiting", waiting),
                flag("mine", mine),
                flag("unassigned", unassigned),
                flag("failed", failed),
                blankToNull(q),
                blankToNull(after));
    }

    InboxFilter filter(ConsoleUser me, Set<String> channelTypes) {
        if (channel != null && !channelTypes.contains(channel)) {
            throw invalid("channel", "There is no channel '" + shorten(channel) + "'");
        }
        if (q != null && q.length() > InboxFilter.MAX_QUERY) {
            throw invalid("q", "Search for at most " + InboxFilter.MAX_QUERY + " characters");
        }
        StaffUserId assignee = null;
        if (mine) {
            assignee = me.caller()
                    .staffUserId()
                    .orElseThrow(() -> invalid("mine", "Only staff members have conversations assigned to them"));
        }
        return new InboxFilter(
                channel == null ? null : new ChannelType(channel),
                chatbot == null ? null : new ChatbotId(uuid("chatbot", chatbot)),
                owner == null ? null : owner(owner),
                waiting,
                assignee,
                unassigned,
                failed,
                q);
    }

    InboxCursor cursor() {
        return InboxCursor.parse(after);
    }

    public boolean filtered() {
        return channel != null
                || chatbot != null
                || owner != null
                || waiting
                || mine
                || unassigned
                || failed
                || q != null;
    }

    /** The filters as a query string (without {@code after}), starting with {@code ?} when there are any. */
    String queryString() {
        return encode(null);
    }

    /** The query string of the page after {@code cursor} with the same filters. */
    String queryStringAfter(InboxCursor cursor) {
        return encode(cursor.token());
    }

    private String encode(String afterToken) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "channel", channel);
        add(query, "chatbot", chatbot);
        add(query, "owner", owner);
        add(query, "waiting", waiting ? "on" : null);
        add(query, "mine", mine ? "on" : null);
        add(query, "unassigned", unassigned ? "on" : null);
        add(query, "failed", failed ? "on" : null);
        add(query, "q", q);
        add(query, "after", afterToken);
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static Owner owner(String value) {
        return switch (value) {
            case "bot" -> Owner.BOT;
            case "human" -> Owner.HUMAN;
            default -> throw invalid("owner", "Owner is bot or human, not '" + shorten(value) + "'");
        };
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false") || value.equals("off")) {
            return false;
        }
        if (value.equals("on") || value.equals("true") || value.equals("1")) {
            return true;
        }
        throw invalid(name, "'" + name + "' is on or off, not '" + shorten(value) + "'");
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "'" + shorten(value) + "' is not a " + name + " id");
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("validation_failed", message, java.util.Map.of("field", field));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
