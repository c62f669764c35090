package io.parley.engines.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.EngineRequest;
import io.parley.conversation.EngineTurn;
import io.parley.conversation.TurnEngine;
import io.parley.delivery.OutboundContent;
import io.parley.engines.internal.EndpointCalls.Answered;
import io.parley.engines.internal.EndpointCalls.Failed;
import io.parley.engines.internal.EngineReplies.MalformedReply;
import io.parley.engines.internal.EngineReplies.Reply;
import io.parley.engines.internal.ExternalEngineRepository.StoredEndpoint;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.channel.Channels;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotEngine;
import io.parley.tenancy.ChatbotEngines;
import io.parley.tenancy.Chatbots;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The external engine: a chatbot whose engine is {@code external} has its turn POSTed to its endpoint (outside any
 * transaction, without the turn's work permit) and sends what the endpoint answered. Anything but a valid answer —
 * a timeout, a non-2xx, a refused address, a malformed or oversized body, no endpoint — sends the chatbot's error
 * message instead, as a {@code fallback} turn with an {@code external_engine.failed} event. The answer is applied by
 * the turn's commit, inside the transaction that marks the messages answered, so a turn run twice (its first commit
 * lost) sends one answer: both runs send the same {@code Idempotency-Key}, and only one commit can mark the messages.
 */
@Component
class ExternalTurnEngine implements TurnEngine {
    static final String FAILED = "external_engine.failed";
    private static final Logger log = LoggerFactory.getLogger(ExternalTurnEngine.class);

    private final ChatbotEngines engines;
    private final Chatbots chatbots;
    private final ExternalEngineRepository endpoints;
    private final TurnPayloads payloads;
    private final EndpointCalls calls;
    private final Contacts contacts;
    private final SystemEvents events;
    private final Channels channels;
    private final JsonMapper json;

    ExternalTurnEngine(
            ChatbotEngines engines,
            Chatbots chatbots,
            ExternalEngineRepository endpoints,
            TurnPayloads payloads,
            EndpointCalls calls,
            Contacts contacts,
            SystemEvents events,
            Channels channels,
            JsonMapper json) {
        this.engines = engines;
        this.chatbots = chatbots;
        this.endpoints = endpoints;
        this.payloads = payloads;
        this.calls = calls;
        this.contacts = contacts;
        this.events = events;
        this.channels = channels;
        this.json = json;
    }

    @Override
    public boolean answers(Chatbot chatbot) {
        return engines.get(chatbot.id()).kind() == ChatbotEngine.Kind.EXTERNAL;
    }

    @Override
    public EngineTurn prepare(EngineRequest request) {
        Chatbot chatbot = chatbots.get(request.chatbotId());
        Optional<StoredEndpoint> endpoint = endpoints.find(request.organizationId(), request.chatbotId());
        if (endpoint.isEmpty()) {
            // The endpoint was removed while the engine was switched to external (the API refuses that, a race not).
            return fallback(request, chatbot, new Failure("not_configured", null, null));
        }
        EndpointCalls.Result result =
                calls.post(endpoint.get(), payloads.body(request), TurnPayloads.idempotencyKey(request));
        return switch (result) {
            case Failed failed -> fallback(request, chatbot, new Failure(failed.reason(), failed.status(), null));
            case Answered answered -> {
                try {
                    Reply reply = EngineReplies.read(json, answered.body(), channels.capabilities(request.channel()));
                    checkVariableTotal(request.contact(), reply.variables());
                    yield answer(request, chatbot, reply);
                } catch (MalformedReply e) {
                    yield fallback(request, chatbot, new Failure("malformed_reply", null, e.getMessage()));
                }
            }
        };
    }

    private EngineTurn answer(EngineRequest request, Chatbot chatbot, Reply reply) {
        List<OutboundContent> messages = reply.messages().isEmpty() && reply.handover()
                ? List.of(new OutboundContent.Text(chatbot.fallbackMessages().handover()))
                : reply.messages();
        String outcome = messages.isEmpty() ? "no_answer" : "answered";
        return new EngineTurn(outcome, null, () -> {
            Contact contact = request.contact();
            if (contact != null && !reply.variables().isEmpty()) {
                contacts.remember(request.organizationId(), contact.id(), storable(reply.variables()), List.of());
            }
            return new EngineTurn.Output(messages, reply.handover());
        });
    }

    /** Why a turn fell back; {@code detail} names what was wrong with an answer (never the answer itself). */
    private record Failure(String reason, Integer status, String detail) {}

    private EngineTurn fallback(EngineRequest request, Chatbot chatbot, Failure failure) {
        log.warn(
                "External engine failed: {}{}",
                failure.reason(),
                failure.status() == null ? "" : " (HTTP " + failure.status() + ")");
        return new EngineTurn("fallback", "external_engine_" + failure.reason(), () -> {
            events.record(SystemEvent.of(SystemEvent.Level.WARN, FAILED)
                    .organization(request.organizationId())
                    .chatbot(request.chatbotId())
                    .conversation(request.conversationId())
                    .with("reason", failure.reason())
                    .with("status", failure.status())
                    .with("detail", failure.detail())
                    .build());
            return EngineTurn.Output.of(
                    List.of(new OutboundContent.Text(chatbot.fallbackMessages().error())));
        });
    }

    /** A contact holds at most as many variables as the {@code update_contact} tool lets it. */
    private static void checkVariableTotal(Contact contact, Map<String, Object> variables) {
        if (contact == null || variables.isEmpty()) {
            return;
        }
        Set<String> keys = new HashSet<>(contact.variables().keySet());
        variables.forEach((key, value) -> {
            if (value == null) {
                keys.remove(key);
            } else {
                keys.add(key);
            }
        });
        if (keys.size() > EngineReplies.MAX_VARIABLES) {
            throw new MalformedReply("variables: a contact holds at most " + EngineReplies.MAX_VARIABLES
                    + " variables; set some to null first");
        }
    }

    /**
     * A removal must reach the database as a JSON null: the application's mapper leaves null map values out, so a
     * {@link NullNode} stands for it (as in the {@code update_contact} tool).
     */
    private static Map<String, Object> storable(Map<String, Object> variables) {
        Map<String, Object> storable = new LinkedHashMap<>();
        variables.forEach((key, value) -> storable.put(key, value == null ? NullNode.getInstance() : value));
        return storable;
    }

    @Override
    public String toString() {
        return "the external engine";
    }
}
