package io.parley.agent;

import io.parley.agent.internal.AgentLoop;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.llm.ModelException;
import io.parley.tenancy.Chatbot;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Answers a turn: never throws for a model problem and never stays silent. */
@Service
public class Agent {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentLoop loop;
    private final SystemEvents events;

    Agent(AgentLoop loop, SystemEvents events) {
        this.loop = loop;
        this.events = events;
    }

    public AgentReply respond(AgentRequest request) {
        return respond(request, null);
    }

    /**
     * Answers as {@link #respond(AgentRequest)} does, and hands the model's text to {@code tokens} while the provider
     * streams it (best-effort previews; the returned reply is what counts). Null streams nothing.
     */
    public AgentReply respond(AgentRequest request, Consumer<String> tokens) {
        try {
            return loop.run(request, tokens);
        } catch (AgentLoop.Failure failure) {
            return fallback(request, failure);
        }
    }

    private AgentReply fallback(AgentRequest request, AgentLoop.Failure failure) {
        Chatbot chatbot = request.chatbot();
        ModelException e = failure.modelException();
        log.warn("Model call failed for provider {}: {} ({})", e.provider(), e.kind(), e.code());
        events.record(SystemEvent.of(
                        e.isLimit() ? SystemEvent.Level.WARN : SystemEvent.Level.ERROR,
                        e.isLimit() ? "llm.limit" : "llm.error")
                .organization(chatbot.organizationId())
                .chatbot(chatbot.id())
                .conversation(request.conversationId())
                .with("provider", e.provider())
                .with("model", chatbot.model().name())
                .with("kind", e.kind().name())
                .with("status", e.httpStatus())
                .build());
        String text = e.isLimit()
                ? chatbot.fallbackMessages().limit()
                : chatbot.fallbackMessages().error();
        return new AgentReply(
                text,
                AgentReply.Outcome.FALLBACK,
                e.code(),
                e.provider(),
                chatbot.model().name(),
                failure.tokensIn(),
                failure.tokensOut(),
                0,
                false,
                failure.prompt());
    }
}
