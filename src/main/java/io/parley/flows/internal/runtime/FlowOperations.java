package io.parley.flows.internal.runtime;

import io.parley.flows.engine.FlowEngine;
import io.parley.flows.engine.FlowState;
import io.parley.platform.ConversationId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What staff see of a conversation's flow and how they steer it (issue 16, operations). A move or a restart is not
 * written here: it is queued as a flow event and taken by the conversation's flow-events job like a payment's outcome
 * (compare-and-set on the state, messages through the outbox), so it never races a turn.
 */
@Component
public class FlowOperations {
    /** How many logged answers the view shows. */
    public static final int HISTORY = 100;

    private final FlowStateRepository states;
    private final FlowModels models;
    private final Jobs jobs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FlowOperations(
            FlowStateRepository states, FlowModels models, Jobs jobs, TransactionTemplate transactions, Clock clock) {
        this.states = states;
        this.models = models;
        this.jobs = jobs;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A conversation's flow state with the version it runs and its newest logged answers. */
    public record FlowView(
            ConversationId conversationId,
            String flowKey,
            int flowVersion,
            long seq,
            FlowState state,
            Instant updatedAt,
            List<Answer> history) {}

    /** One logged answer ({@code flow_answers}). */
    public record Answer(
            int run, String step, String key, Object value, String raw, boolean needsReview, Instant createdAt) {}

    /** The state; {@code 404 flow_state_not_found} when the conversation never entered a flow. */
    public FlowView view(OrganizationId organization, ConversationId conversation) {
        FlowStateRepository.Stored stored = stored(organization, conversation);
        FlowModels.Version version = models.version(stored.definitionId());
        List<Answer> history = states.answers(organization, conversation, HISTORY).stream()
                .map(a -> new Answer(a.run(), a.stepId(), a.key(), a.value(), a.raw(), a.needsReview(), a.createdAt()))
                .toList();
        return new FlowView(
                conversation,
                version.key(),
                version.version(),
                stored.seq(),
                stored.state(),
                stored.updatedAt(),
                history);
    }

    /**
     * Queues a move to {@code step} of the version the conversation runs; {@code 400 validation_failed} naming
     * {@code step} when it is no step of that version that a {@code next} could name.
     *
     * @param by who asked ({@code user:<id>}, {@code api_key:<id>}, {@code operator}), kept with the event
     */
    public void move(OrganizationId organization, ConversationId conversation, String step, String by) {
        FlowStateRepository.Stored stored = stored(organization, conversation);
        if (!new FlowEngine(models.model(stored.definitionId())).canMoveTo(step)) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "step must be the id of a step of the conversation's flow",
                    Map.of(
                            "errors",
                            List.of(Map.of(
                                    "field",
                                    "step",
                                    "message",
                                    "no step '" + shown(step) + "' in this flow version"))));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", step);
        data.put("by", by);
        queue(organization, conversation, FlowEngine.STAFF_MOVE, data);
    }

    /** Queues a restart: run + 1, answers emptied, the flow from its first step. */
    public void restart(OrganizationId organization, ConversationId conversation, String by) {
        stored(organization, conversation);
        queue(organization, conversation, FlowEngine.STAFF_RESTART, Map.of("by", by));
    }

    private void queue(
            OrganizationId organization, ConversationId conversation, String name, Map<String, Object> data) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            states.queueEvent(organization, conversation, name, data, "staff:" + UUID.randomUUID(), now);
            jobs.scheduleNoLaterThan(FlowEventsJob.TASK, conversation.toString(), now);
        });
    }

    private FlowStateRepository.Stored stored(OrganizationId organization, ConversationId conversation) {
        return states.find(organization, conversation)
                .orElseThrow(
                        () -> new NotFoundException("flow_state_not_found", "The conversation has not entered a flow"));
    }

    private static String shown(String step) {
        if (step == null) {
            return "";
        }
        return step.length() <= 64 ? step : step.substring(0, 64) + "…";
    }
}
