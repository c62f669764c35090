package io.parley.flows.internal.runtime;

import io.parley.conversation.EngineRequest;
import io.parley.conversation.EngineTurn;
import io.parley.conversation.TurnEngine;
import io.parley.flows.engine.FlowInput;
import io.parley.flows.internal.FlowProperties;
import io.parley.flows.parse.MediaItem;
import io.parley.flows.parse.MediaKind;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotEngine;
import io.parley.tenancy.ChatbotEngines;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The flow engine in the turn job: a chatbot whose engine is {@code flow} has each turn's messages run through its
 * flow, one after the other, and the result written with the turn (answered mark, state, outbox) in one transaction.
 */
@Component
class FlowTurnEngine implements TurnEngine {
    private final FlowRunner runner;
    private final ChatbotEngines engines;
    private final FlowProperties properties;

    FlowTurnEngine(FlowRunner runner, ChatbotEngines engines, FlowProperties properties) {
        this.runner = runner;
        this.engines = engines;
        this.properties = properties;
    }

    @Override
    public boolean answers(Chatbot chatbot) {
        return properties.engineEnabled() && engines.get(chatbot.id()).kind() == ChatbotEngine.Kind.FLOW;
    }

    @Override
    public EngineTurn prepare(EngineRequest request) {
        FlowRunner.Subject subject = new FlowRunner.Subject(
                request.organizationId(),
                request.chatbotId(),
                request.conversationId(),
                request.channel(),
                request.contact());
        List<FlowInput> inputs = request.messages().stream()
                .<FlowInput>map(FlowTurnEngine::input)
                .toList();
        Optional<FlowRunner.Prepared> prepared = runner.prepare(subject, inputs);
        if (prepared.isEmpty()) {
            // the flow was unpublished under a running chatbot: stay silent rather than improvise
            return new EngineTurn("skipped", "flow_not_published", () -> EngineTurn.Output.of(List.of()));
        }
        return new EngineTurn("answered", null, () -> {
            FlowRunner.Committed committed = runner.commit(prepared.get());
            return new EngineTurn.Output(committed.messages(), committed.handover());
        });
    }

    /** A stored message as the engine reads it: a picked button's id, media with their stored ids, the caption. */
    static FlowInput.Reply input(EngineRequest.Message message) {
        Map<String, Object> details = message.details();
        String type = message.type() == null ? "text" : message.type();
        return switch (type) {
            case "button_reply", "list_reply", "button" ->
                new FlowInput.Reply(
                        message.text(),
                        text(details.get("id")),
                        List.of(),
                        message.id().toString());
            case "image", "document", "audio", "video" -> {
                MediaKind kind = MediaKind.fromName(type).orElse(MediaKind.DOCUMENT);
                String id = text(details.get("id"));
                String caption = text(details.get("caption"));
                yield new FlowInput.Reply(
                        caption == null ? "" : caption,
                        null,
                        id == null ? List.of() : List.of(new MediaItem(kind, text(details.get("mime_type")), id)),
                        message.id().toString());
            }
            default ->
                new FlowInput.Reply(
                        message.text(), null, List.of(), message.id().toString());
        };
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public String toString() {
        return "flow engine";
    }
}
