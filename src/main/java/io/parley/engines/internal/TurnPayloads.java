package io.parley.engines.internal;

import io.parley.contacts.Contact;
import io.parley.conversation.ConversationSessions;
import io.parley.conversation.EngineRequest;
import io.parley.conversation.SessionSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of a turn (docs/external-engine.md): the conversation, its contact, the messages this turn answers,
 * the current session and the engine's context. Absent facts are left out rather than sent as null.
 */
@Component
class TurnPayloads {
    private final ConversationSessions sessions;
    private final JsonMapper json;

    TurnPayloads(ConversationSessions sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** The {@code Idempotency-Key} of a turn: a rerun of the same turn starts at the same message, so sends the same. */
    static String idempotencyKey(EngineRequest request) {
        return "turn-" + request.messages().getFirst().id();
    }

    String body(EngineRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "turn");
        body.put("organizationId", request.organizationId().toString());
        body.put("chatbotId", request.chatbotId().toString());
        body.put("conversationId", request.conversationId().toString());
        body.put("channel", request.channel().wireName());
        if (request.contact() != null) {
            body.put("contact", contact(request.contact()));
        }
        body.put(
                "messages",
                request.messages().stream().map(TurnPayloads::message).toList());
        session(request).ifPresent(session -> body.put("session", session));
        body.put("context", Map.of("engine", "external"));
        return json.writeValueAsString(body);
    }

    private static Map<String, Object> contact(Contact contact) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", contact.id().toString());
        if (contact.displayName() != null) {
            view.put("name", contact.displayName());
        }
        contact.phone().ifPresent(phone -> view.put("phone", phone));
        view.put("variables", contact.variables());
        return view;
    }

    private static Map<String, Object> message(EngineRequest.Message message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", message.id().toString());
        view.put("type", message.type());
        view.put("text", message.text());
        view.put("details", message.details());
        view.put("receivedAt", message.receivedAt().toString());
        return view;
    }

    private java.util.Optional<Map<String, Object>> session(EngineRequest request) {
        List<SessionSummary> newest = sessions.list(request.conversationId(), 1);
        if (newest.isEmpty()) {
            return java.util.Optional.empty();
        }
        SessionSummary session = newest.getLast();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", session.id().toString());
        view.put("startedAt", session.startedAt().toString());
        view.put("lastMessageAt", session.lastMessageAt().toString());
        view.put("messages", session.messages());
        return java.util.Optional.of(view);
    }
}
