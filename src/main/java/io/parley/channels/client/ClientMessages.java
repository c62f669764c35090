package io.parley.channels.client;

import io.parley.conversation.Conversations;
import io.parley.conversation.InboundMessage;
import io.parley.conversation.MessageEntry;
import io.parley.conversation.Receipt;
import io.parley.conversation.ReplyDeltas;
import io.parley.platform.ConflictException;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.SessionId;
import io.parley.platform.TooManyRequestsException;
import io.parley.tenancy.Availability;
import io.parley.tenancy.Chatbots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /client/v1/messages} behind the HTTP layer: request-id idempotency (seed 000 §2.4, scope channel +
 * contact), the message entering the normal turn pipeline through {@link Conversations#receive}, and waiting for the
 * turn's replies by looking at PostgreSQL, so any node can answer and a restart forgets nothing.
 *
 * <p>The request row is written in the transaction that stores the message: a request is either not there at all or
 * there with its message, so there are no orphaned locks to expire. Concurrent duplicates serialize on an advisory
 * lock of their channel and request id; the first stores the message, the others find its row and answer 409. A
 * retry is matched by the claims that named its sender before resolving them again, so it finds the first request's
 * contact even where resolving would make a new one (claims a verified contact owns are skipped, ADR 31).
 */
@Service
class ClientMessages {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ClientIdentities identities;
    private final ClientRequestStore requests;
    private final Conversations conversations;
    private final Chatbots chatbots;
    private final ReplyDeltas deltas;
    private final ConversationTokens tokens;
    private final TransactionTemplate transactions;
    private final ClientProperties properties;
    private final Clock clock;
    private final JsonMapper json;

    ClientMessages(
            ClientIdentities identities,
            ClientRequestStore requests,
            Conversations conversations,
            Chatbots chatbots,
            ReplyDeltas deltas,
            ConversationTokens tokens,
            TransactionTemplate transactions,
            ClientProperties properties,
            Clock clock,
            JsonMapper json) {
        this.identities = identities;
        this.requests = requests;
        this.conversations = conversations;
        this.chatbots = chatbots;
        this.deltas = deltas;
        this.tokens = tokens;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    /** How a request was admitted. */
    sealed interface Admission {}

    /** A new request: its message is stored and its turn scheduled. */
    record Accepted(Ticket ticket) implements Admission {}

    /** The same request completed before: its first answer. */
    record Duplicate(Map<String, Object> original) implements Admission {}

    /** The same request is still running. */
    record InProgress(Duration retryAfter, Map<String, Object> pending) implements Admission {}

    record Ticket(
            ClientChannel channel,
            ClientRequestStore.Key key,
            ConversationId conversationId,
            ContactId contactId,
            MessageId messageId,
            SessionId sessionId) {}

    /**
     * Stores a new request's message (its turn due at once when the caller waits, ADR 49) or finds the same request.
     *
     * @param streams the caller reads a stream: the turn is told before it can start, so it streams its text
     */
    Admission admit(ClientChannel channel, ClientRequest request, Duration wait, boolean streams) {
        requireAnswering(channel);
        ClientIdentities.Claims claims = identities.identities(channel, request.user(), request.requestId());
        String hash = request.hash();
        String claimsHash = claims.hash();
        return transactions.execute(status -> {
            Instant now = clock.instant();
            requests.lock(channel.account().id(), request.requestId());
            // A retry names its sender as before: it is the same contact's request, resolved or not.
            Optional<ClientRequestStore.Row> same =
                    requests.findByClaims(channel.account().id(), request.requestId(), claimsHash);
            ContactId contact =
                    same.isPresent() ? same.get().key().contact() : identities.resolve(channel, claims, now);
            ClientRequestStore.Key key =
                    new ClientRequestStore.Key(channel.account().id(), contact, request.requestId());
            Optional<ClientRequestStore.Row> existing = same.isPresent() ? same : requests.find(key);
            if (existing.isPresent()) {
                ClientRequestStore.Row row = existing.get();
                if (row.createdAt().isAfter(now.minus(properties.requestRetention()))) {
                    return again(channel, request, hash, row);
                }
                requests.delete(key); // remembered no longer: the same id is a new request
            }
            Receipt receipt = conversations.receive(
                    new InboundMessage(
                            channel.account().organizationId(),
                            channel.account().chatbotId(),
                            channel.account().id(),
                            channel.account().type(),
                            "client:" + UUID.randomUUID(),
                            claims.identities(),
                            claims.name(),
                            "text",
                            request.text(),
                            Map.of("requestId", request.requestId()),
                            null,
                            null,
                            true,
                            request.newSession(),
                            claims.trust(),
                            // A caller waiting for the answer is not typing a burst: no quiet window.
                            !wait.isZero()),
                    contact);
            if (receipt.throttled()) {
                throw new TooManyRequestsException(
                        "rate_limited",
                        "Too many messages for this chatbot or contact; retry later",
                        Duration.ofSeconds(1));
            }
            if (streams && !wait.isZero()) {
                deltas.follow(receipt.conversationId(), wait);
            }
            requests.insert(
                    key,
                    hash,
                    claimsHash,
                    receipt.conversationId(),
                    receipt.messageId(),
                    receipt.sessionId(),
                    now.plus(wait),
                    now);
            return new Accepted(new Ticket(
                    channel, key, receipt.conversationId(), contact, receipt.messageId(), receipt.sessionId()));
        });
    }

    private Admission again(ClientChannel channel, ClientRequest request, String hash, ClientRequestStore.Row row) {
        if (!row.bodyHash().equals(hash)) {
            throw new ConflictException(
                    "request_id_reused",
                    "requestId '" + request.requestId() + "' was used for another message; use a new requestId",
                    Map.of("requestId", request.requestId()));
        }
        if (row.done()) {
            return new Duplicate(withToken(channel, json.readValue(row.response(), MAP)));
        }
        Ticket ticket = new Ticket(
                channel, row.key(), row.conversationId(), row.key().contact(), row.messageId(), row.sessionId());
        Optional<Map<String, Object>> finished = finish(ticket, false);
        if (finished.isPresent()) {
            return new Duplicate(finished.get());
        }
        return new InProgress(properties.retryAfter(), pending(ticket));
    }

    /**
     * Waits up to {@code wait} for the turn that answers the request: its response, or empty when the turn still
     * runs (the request stops waiting; its replies then also go out as callbacks on an api channel).
     */
    Optional<Map<String, Object>> await(Ticket ticket, Duration wait) {
        return await(ticket, wait, Thread::sleep);
    }

    /** How a waiting caller spends the time between two reads (a stream forwards deltas meanwhile). */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    Optional<Map<String, Object>> await(Ticket ticket, Duration wait, Pause pauser) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 10; // ms: a fast turn is seen at once; a slow one costs a read per poll interval
        while (true) {
            Optional<Map<String, Object>> finished = finish(ticket, true);
            if (finished.isPresent()) {
                return finished;
            }
            if (System.nanoTime() >= deadline) {
                requests.stopWaiting(ticket.key());
                // A turn that finished while we stopped: its callback may already have deferred to this response.
                return finish(ticket, true);
            }
            try {
                pauser.sleep(Math.max(1, Math.min(pause, (deadline - System.nanoTime()) / 1_000_000)));
                pause = Math.min(pause * 2, properties.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The response when the turn answered: recorded once for duplicates, with the token added for the caller. */
    private Optional<Map<String, Object>> finish(Ticket ticket, boolean inResponse) {
        Optional<List<MessageEntry>> replies = conversations.replies(ticket.conversationId(), ticket.messageId());
        if (replies.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> response = base(ticket);
        response.put(
                "replies",
                replies.get().stream()
                        .map(m -> Map.<String, Object>of("id", m.id().value(), "text", m.content()))
                        .toList());
        requests.complete(
                ticket.key(),
                json.writeValueAsString(response),
                replies.get().stream().map(MessageEntry::id).toList(),
                inResponse,
                clock.instant());
        return Optional.of(withToken(ticket.channel(), response));
    }

    /** The 202 body: what was accepted, and where to read the replies. */
    Map<String, Object> pending(Ticket ticket) {
        Map<String, Object> body = withToken(ticket.channel(), base(ticket));
        body.put("status", "processing");
        body.put(
                "poll",
                "/client/v1/conversations/" + ticket.conversationId() + "/messages?after=" + ticket.messageId());
        body.put("events", "/client/v1/conversations/" + ticket.conversationId() + "/events");
        return body;
    }

    /** The {@code accepted} event of a stream. */
    Map<String, Object> accepted(Ticket ticket) {
        return withToken(ticket.channel(), base(ticket));
    }

    private Map<String, Object> base(Ticket ticket) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("requestId", ticket.key().requestId());
        response.put("conversationId", ticket.conversationId().value());
        response.put("contactId", ticket.contactId().value());
        response.put(
                "sessionId",
                ticket.sessionId() == null ? null : ticket.sessionId().value());
        return response;
    }

    private Map<String, Object> withToken(ClientChannel channel, Map<String, Object> response) {
        Map<String, Object> copy = new LinkedHashMap<>();
        response.forEach((k, v) -> {
            copy.put(k, v);
            if ("sessionId".equals(k) && !channel.isApi()) {
                copy.put(
                        "conversationToken",
                        tokens.issue(
                                channel,
                                new ConversationId(UUID.fromString(String.valueOf(response.get("conversationId"))))));
            }
        });
        return copy;
    }

    private void requireAnswering(ClientChannel channel) {
        if (chatbots.availability(chatbots.get(channel.account().chatbotId())) instanceof Availability.Paused paused) {
            throw new ConflictException(
                    "chatbot_paused",
                    "The chatbot is paused and answers no messages",
                    Map.of("reason", paused.reason()));
        }
    }
}
