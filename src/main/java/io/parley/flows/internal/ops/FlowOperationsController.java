package io.parley.flows.internal.ops;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.flows.engine.FlowState;
import io.parley.flows.internal.runtime.FlowOperations;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A conversation's flow for staff: where it stands ({@code GET …/flow}) and two actions, like handover and hand
 * back open to agents: move it to a step, or start it over. Both are queued and answered 202; the conversation's
 * flow-events job applies them.
 */
@RestController
@RequiresRole(Role.AGENT)
@RequestMapping("/api/v1/conversations/{conversationId}/flow")
class FlowOperationsController {
    private final FlowOperations operations;
    private final Conversations conversations;

    FlowOperationsController(FlowOperations operations, Conversations conversations) {
        this.operations = operations;
        this.conversations = conversations;
    }

    record FlowRef(String key, int version) {}

    record FlowAnswerView(
            int run, String step, String key, Object value, String raw, boolean needsReview, Instant createdAt) {}

    /**
     * @param status   {@code active} (waiting for an answer), {@code waiting} (for an event), {@code handover},
     *                 {@code done}
     * @param displays answer key → the readable form the flow shows
     * @param history  the logged answers of every run, newest first (at most 100)
     */
    record ConversationFlowView(
            UUID conversationId,
            FlowRef flow,
            int run,
            String step,
            String status,
            int attempts,
            boolean needsReask,
            Map<String, Object> answers,
            Map<String, String> displays,
            Map<String, Object> vars,
            String lead,
            long seq,
            Instant resumeAt,
            Instant remindAt,
            int reminders,
            Instant updatedAt,
            List<FlowAnswerView> history) {}

    /** @param step the id of a step of the flow version the conversation runs */
    record FlowMoveRequest(String step) {}

    record FlowActionQueued(boolean queued) {}

    @GetMapping
    ConversationFlowView get(@PathVariable String conversationId) {
        ConversationSummary conversation = conversation(conversationId);
        FlowOperations.FlowView view = operations.view(conversation.organizationId(), conversation.id());
        FlowState state = view.state();
        return new ConversationFlowView(
                view.conversationId().value(),
                new FlowRef(view.flowKey(), view.flowVersion()),
                state.run(),
                state.stepId(),
                state.status().wire(),
                state.attempts(),
                state.needsReask(),
                state.answers(),
                state.displays(),
                state.vars(),
                state.leadStatus(),
                view.seq(),
                state.resumeAt(),
                state.remindAt(),
                state.reminders(),
                view.updatedAt(),
                view.history().stream()
                        .map(a -> new FlowAnswerView(
                                a.run(), a.step(), a.key(), a.value(), a.raw(), a.needsReview(), a.createdAt()))
                        .toList());
    }

    /** Moves the conversation to a step and asks it (the bot has the conversation again). */
    @PostMapping("/move")
    @ResponseStatus(HttpStatus.ACCEPTED)
    FlowActionQueued move(@PathVariable String conversationId, @RequestBody(required = false) FlowMoveRequest body) {
        if (body == null || body.step() == null || body.step().isBlank()) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "step is required: the id of the step to move to",
                    Map.of("errors", List.of(Map.of("field", "step", "message", "is required"))));
        }
        ConversationSummary conversation = conversation(conversationId);
        operations.move(conversation.organizationId(), conversation.id(), body.step(), by());
        return new FlowActionQueued(true);
    }

    /** Starts the flow over: run + 1, answers emptied, the first step. */
    @PostMapping("/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    FlowActionQueued restart(@PathVariable String conversationId) {
        ConversationSummary conversation = conversation(conversationId);
        operations.restart(conversation.organizationId(), conversation.id(), by());
        return new FlowActionQueued(true);
    }

    /** The conversation, within the caller's organization (the operator sees every organization's). */
    private ConversationSummary conversation(String value) {
        ConversationId id = Ids.parse(value, "conversation", ConversationId::new);
        Caller caller = Caller.current().orElseThrow(() -> new IllegalStateException("No caller on an /api/v1 route"));
        return caller.operator() ? conversations.get(id) : conversations.getInOrganization(caller.organizationId(), id);
    }

    private static String by() {
        return Caller.current().map(Caller::label).orElse("operator");
    }
}
