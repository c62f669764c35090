package io.parley.channels.client;

import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.conversation.MessageEntry;
import io.parley.conversation.ReplyDeltas;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.MessageId;
import io.parley.platform.web.CappedBody;
import io.parley.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client API for a business's own backend ({@code api}), website ({@code web}) and app ({@code app}): send a
 * message and get the bot's replies, read a conversation, follow it live. Authenticated by the channel's key, not by
 * the admin API's bearer tokens (ADR 35).
 */
@RestController
@RequestMapping("/client/v1")
class ClientApiController {
    private static final String EVENT_STREAM = "text/event-stream";
    /** Deltas may trail the stored reply by a notification round trip; this long the stream waits for their end. */
    private static final Duration DELTA_TAIL = Duration.ofMillis(500);

    private final ClientAuth auth;
    private final ClientMessages messages;
    private final Conversations conversations;
    private final ClientProperties properties;
    private final JsonMapper json;
    private final ReplyDeltas deltas;

    ClientApiController(
            ClientAuth auth,
            ClientMessages messages,
            Conversations conversations,
            ClientProperties properties,
            JsonMapper json,
            ReplyDeltas deltas) {
        this.auth = auth;
        this.messages = messages;
        this.conversations = conversations;
        this.properties = properties;
        this.json = json;
        this.deltas = deltas;
    }

    @CappedBody
    @PostMapping("/messages")
    ResponseEntity<?> send(
            HttpServletRequest http,
            HttpServletResponse response,
            @RequestParam(name = "wait", required = false) String waitParam,
            @RequestHeader(name = "Accept", required = false) String accept,
            @RequestBody(required = false) JsonNode body)
            throws IOException {
        ClientChannel channel = auth.channel(http, null);
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.treeToValue(body, Map.class);
        ClientRequest request = ClientRequest.read(fields);
        Duration wait = wait(waitParam);
        boolean streams = accept != null && accept.contains(EVENT_STREAM);
        ClientMessages.Admission admission = messages.admit(channel, request, wait, streams);
        return switch (admission) {
            case ClientMessages.Duplicate duplicate ->
                conflict(
                        "duplicate_request",
                        "requestId '" + request.requestId() + "' was answered before; its answer is under original",
                        Map.of("requestId", request.requestId(), "original", duplicate.original()),
                        null);
            case ClientMessages.InProgress running ->
                conflict(
                        "request_in_progress",
                        "requestId '" + request.requestId() + "' is still being answered; retry later",
                        Map.of(
                                "requestId",
                                request.requestId(),
                                "retryAfterMs",
                                running.retryAfter().toMillis()),
                        running.retryAfter());
            case ClientMessages.Accepted accepted
            when streams -> {
                stream(response, accepted.ticket(), wait);
                yield null;
            }
            case ClientMessages.Accepted accepted -> answer(accepted.ticket(), wait);
        };
    }

    private ResponseEntity<?> answer(ClientMessages.Ticket ticket, Duration wait) {
        Optional<Map<String, Object>> answered = messages.await(ticket, wait);
        if (answered.isPresent()) {
            return ResponseEntity.ok(answered.get());
        }
        Map<String, Object> pending = messages.pending(ticket);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(String.valueOf(pending.get("poll"))))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(pending);
    }

    /**
     * {@code accepted}, then {@code delta} previews of the reply while the provider streams it (through
     * {@link ReplyDeltas}, from whichever node runs the turn), then a {@code message} per stored reply and
     * {@code done} (with where to poll if still running). Deltas are best-effort; the messages are authoritative.
     */
    private void stream(HttpServletResponse response, ClientMessages.Ticket ticket, Duration wait) throws IOException {
        EventStream events = EventStream.open(response, json);
        events.send("accepted", null, messages.accepted(ticket));
        DeltaRelay relay = new DeltaRelay(events);
        Optional<Map<String, Object>> answered;
        try (ReplyDeltas.Subscription ignored = deltas.subscribe(ticket.conversationId(), wait, relay::offer)) {
            answered = messages.await(ticket, wait, relay::forwardFor);
            if (answered.isPresent()) {
                relay.finish(DELTA_TAIL);
            }
        }
        if (answered.isEmpty()) {
            Map<String, Object> pending = messages.pending(ticket);
            events.send("done", null, Map.of("status", "processing", "poll", pending.get("poll")));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replies =
                (List<Map<String, Object>>) answered.get().get("replies");
        for (Map<String, Object> reply : replies) {
            events.send("message", String.valueOf(reply.get("id")), reply);
        }
        events.send("done", null, Map.of("status", "answered", "replies", replies.size()));
    }

    @GetMapping("/conversations/{conversationId}/messages")
    Map<String, Object> read(
            HttpServletRequest http,
            @PathVariable String conversationId,
            @RequestParam(name = "key", required = false) String key,
            @RequestParam(name = "conversationToken", required = false) String tokenParam,
            @RequestHeader(name = "X-Conversation-Token", required = false) String tokenHeader,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        ClientChannel channel = auth.channel(http, key);
        ConversationSummary conversation =
                auth.conversation(channel, conversationId, tokenHeader != null ? tokenHeader : tokenParam);
        List<Map<String, Object>> items =
                conversations.messagesAfter(conversation.id(), messageId(after), limit(limit)).stream()
                        .filter(ClientApiController::shown)
                        .map(ClientApiController::view)
                        .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", conversation.id().value());
        body.put("messages", items);
        body.put("next", items.isEmpty() ? after : items.getLast().get("id"));
        return body;
    }

    /**
     * The conversation live: a {@code message} event per new message (the contact's, the bot's, a human agent's),
     * with the message id as the event id; {@code Last-Event-ID} (or {@code ?after=}) resumes after it. Reads
     * PostgreSQL, so it sees what any node wrote. Ends after {@code parley.client.stream-duration}; clients reconnect.
     */
    @GetMapping(path = "/conversations/{conversationId}/events")
    void events(
            HttpServletRequest http,
            HttpServletResponse response,
            @PathVariable String conversationId,
            @RequestParam(name = "key", required = false) String key,
            @RequestParam(name = "conversationToken", required = false) String tokenParam,
            @RequestHeader(name = "X-Conversation-Token", required = false) String tokenHeader,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "after", required = false) String after)
            throws IOException {
        ClientChannel channel = auth.channel(http, key);
        ConversationSummary conversation =
                auth.conversation(channel, conversationId, tokenHeader != null ? tokenHeader : tokenParam);
        MessageId cursor = messageId(lastEventId != null && !lastEventId.isBlank() ? lastEventId : after);
        if (cursor == null) {
            // Only what comes next, unless the client names where it stopped.
            List<MessageEntry> latest = conversations.messagesAfter(conversation.id(), null, 1000);
            cursor = latest.isEmpty() ? null : latest.getLast().id();
        }
        EventStream events = EventStream.open(response, json);
        events.retry(1000);
        long end = System.nanoTime() + properties.streamDuration().toNanos();
        long nextBeat = System.nanoTime() + properties.heartbeat().toNanos();
        while (System.nanoTime() < end) {
            for (MessageEntry message : conversations.messagesAfter(conversation.id(), cursor, 100)) {
                cursor = message.id();
                if (shown(message) && !events.send("message", message.id().toString(), view(message))) {
                    return;
                }
            }
            if (System.nanoTime() >= nextBeat) {
                if (!events.comment("keep-alive")) {
                    return;
                }
                nextBeat = System.nanoTime() + properties.heartbeat().toNanos();
            }
            try {
                Thread.sleep(Math.max(50, properties.pollInterval().toMillis() * 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What the widget needs to draw itself; the key is publishable, the answer holds nothing secret. */
    @GetMapping("/widget")
    Map<String, Object> widget(HttpServletRequest http, @RequestParam(name = "key", required = false) String key) {
        ClientChannel channel = auth.channel(http, key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", channel.account().type().wireName());
        body.put("title", channel.widget().get("title"));
        body.put("color", channel.widget().get("color"));
        body.put("welcomeMessage", channel.widget().get("welcomeMessage"));
        body.put("avatarUrl", channel.widget().get("avatarUrl"));
        body.put("acceptGuests", channel.acceptGuests());
        return body;
    }

    private static boolean shown(MessageEntry message) {
        return switch (message.role()) {
            case "user", "assistant", "agent" -> true;
            default -> false;
        };
    }

    private static Map<String, Object> view(MessageEntry message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", message.id().value());
        view.put(
                "author",
                switch (message.role()) {
                    case "user" -> "contact";
                    case "assistant" -> "bot";
                    default -> "agent";
                });
        view.put("text", message.content());
        view.put("createdAt", message.createdAt());
        if (message.sessionId() != null) {
            view.put("sessionId", message.sessionId().value());
        }
        return view;
    }

    private Duration wait(String value) {
        if (value == null || value.isBlank()) {
            return properties.defaultWait();
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 0) {
                throw Fields.invalid(
                        "wait", "must be 0 to " + properties.maxWait().toSeconds() + " seconds");
            }
            Duration wanted = Duration.ofSeconds(seconds);
            return wanted.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : wanted;
        } catch (NumberFormatException e) {
            throw Fields.invalid("wait", "must be a whole number of seconds");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            return Math.max(1, Math.min(500, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            throw Fields.invalid("limit", "must be a number from 1 to 500");
        }
    }

    private static MessageId messageId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new MessageId(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            throw Fields.invalid("after", "must be a message id");
        }
    }

    private static ResponseEntity<ProblemDetail> conflict(
            String code, String detail, Map<String, Object> properties, Duration retryAfter) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, code, detail);
        properties.forEach(problem::setProperty);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.CONFLICT);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
        return builder.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
