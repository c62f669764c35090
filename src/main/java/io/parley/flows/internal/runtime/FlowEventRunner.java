package io.parley.flows.internal.runtime;

import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.conversation.EngineConflict;
import io.parley.conversation.MessageEntry;
import io.parley.conversation.Owner;
import io.parley.conversation.ProactiveMessages;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowSettings;
import io.parley.flows.engine.FlowEngine;
import io.parley.flows.engine.FlowInput;
import io.parley.flows.engine.FlowState;
import io.parley.platform.ConversationId;
import io.parley.templates.MessageTemplate;
import io.parley.templates.MessageTemplates;
import io.parley.templates.TemplateStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What moves a flow outside a contact's turn, for one conversation: queued events (a payment's outcome, a staff
 * action), the end of a handover's cooldown (counted from the last message of a person) and the reminder of a quiet
 * contact. Written like a turn — compare-and-set on the state, messages through the outbox with keys derived from the
 * state's sequence number, so a re-run sends nothing twice.
 */
@Component
class FlowEventRunner {
    private static final int MAX_CONFLICTS = 5;

    private final FlowStateRepository states;
    private final FlowRunner runner;
    private final FlowModels models;
    private final Conversations conversations;
    private final ProactiveMessages proactive;
    private final MessageTemplates templates;
    private final SystemEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FlowEventRunner(
            FlowStateRepository states,
            FlowRunner runner,
            FlowModels models,
            Conversations conversations,
            ProactiveMessages proactive,
            MessageTemplates templates,
            SystemEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.states = states;
        this.runner = runner;
        this.models = models;
        this.conversations = conversations;
        this.proactive = proactive;
        this.templates = templates;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Handles what is due for the conversation; returns when to look again (a reminder or cooldown still ahead). */
    Optional<Instant> run(ConversationId id) {
        for (int attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
            try {
                return once(id);
            } catch (EngineConflict e) {
                events.record(SystemEvent.of(SystemEvent.Level.WARN, "atomic_update.conflict")
                        .conversation(id)
                        .with("attempt", attempt)
                        .build());
            }
        }
        return Optional.of(clock.instant());
    }

    private Optional<Instant> once(ConversationId id) {
        Optional<FlowStateRepository.Stored> found = states.find(id);
        List<FlowStateRepository.QueuedEvent> queued = states.pendingEvents(id);
        if (found.isEmpty()) {
            states.markProcessed(
                    queued.stream().map(FlowStateRepository.QueuedEvent::id).toList(), clock.instant());
            return Optional.empty();
        }
        FlowStateRepository.Stored stored = found.get();
        Flow flow = models.model(stored.definitionId());
        FlowSettings settings = flow.settings() == null ? FlowSettings.DEFAULTS : flow.settings();
        ConversationSummary conversation = conversations.get(id);
        Instant now = clock.instant();
        FlowState state = stored.state();

        List<FlowInput> inputs = new ArrayList<>();
        queued.forEach(event -> inputs.add(new FlowInput.Event(event.name(), event.data())));

        boolean handBack = false;
        Instant resumeAt = state.resumeAt();
        if (state.status() == FlowState.Status.HANDOVER && resumeAt != null && !resumeAt.isAfter(now)) {
            Instant afterStaff = lastStaffMessage(id)
                    .map(at -> at.plus(settings.handover().cooldown()))
                    .orElse(resumeAt);
            resumeAt = afterStaff.isAfter(resumeAt) ? afterStaff : resumeAt;
            if (!resumeAt.isAfter(now)) {
                handBack = conversation.owner() == Owner.HUMAN;
                resumeAt = null;
                if ("proactive".equals(settings.handover().resume())) {
                    inputs.add(new FlowInput.Event("resume", Map.of()));
                }
            }
        }
        if (state.status() == FlowState.Status.WAITING && resumeAt != null && !resumeAt.isAfter(now)) {
            inputs.add(new FlowInput.Event("timeout", Map.of())); // a wait step's deadline passed
        }
        FlowSettings.Reminder reminder = settings.reminder();
        boolean remind = reminder != null
                && state.status() == FlowState.Status.ACTIVE
                && state.remindAt() != null
                && !state.remindAt().isAfter(now)
                && state.reminders() < reminder.max();
        Instant nextResume = resumeAt;
        FlowRunner.Subject subject = new FlowRunner.Subject(
                conversation.organizationId(),
                conversation.chatbotId(),
                id,
                conversation.channel(),
                conversation.contact());
        FlowRunner.Prepared prepared = runner.prepare(subject, inputs, before -> {
                    FlowState adjusted = before.withResumeAt(nextResume);
                    return remind
                            ? adjusted.withReminder(null, before.reminders() + 1)
                                    .withNeedsReask(true)
                            : adjusted;
                })
                .orElseThrow();
        // a person who moved or restarted the flow gives the conversation back to the bot, which asks the step
        boolean sendHandBack = handBack || (staffAction(queued) && conversation.owner() == Owner.HUMAN);
        transactions.executeWithoutResult(status -> {
            FlowRunner.Committed committed = runner.commit(prepared);
            List<OutboundContent> messages = new ArrayList<>();
            if (remind) {
                reminderTemplate(conversation, reminder.template())
                        .ifPresentOrElse(
                                messages::add,
                                () -> events.record(
                                        SystemEvent.of(SystemEvent.Level.WARN, "templates.window_template_unusable")
                                                .organization(conversation.organizationId())
                                                .chatbot(conversation.chatbotId())
                                                .conversation(id)
                                                .with("template", reminder.template())
                                                .build()));
                events.record(SystemEvent.of(SystemEvent.Level.INFO, "flow.reminder_sent")
                        .organization(conversation.organizationId())
                        .chatbot(conversation.chatbotId())
                        .conversation(id)
                        .build());
            }
            messages.addAll(committed.messages());
            if (sendHandBack) {
                conversations.handBack(id);
            }
            for (int i = 0; i < messages.size(); i++) {
                proactive.send(new ProactiveMessages.Proactive(
                        conversation.organizationId(),
                        conversation.chatbotId(),
                        conversation.channelAccountId(),
                        conversation.channel(),
                        conversation.contact().id(),
                        messages.get(i),
                        Lane.CONVERSATIONAL,
                        "flow:" + id.value() + ":" + prepared.seq() + ":" + i,
                        Map.of("source", "flow")));
            }
            if (committed.handover()) {
                conversations.handOver(id);
            }
            states.markProcessed(
                    queued.stream().map(FlowStateRepository.QueuedEvent::id).toList(), now);
        });
        FlowState next = prepared.next();
        return earliest(next.status() == FlowState.Status.ACTIVE ? next.remindAt() : null, next.resumeAt());
    }

    private static boolean staffAction(List<FlowStateRepository.QueuedEvent> queued) {
        return queued.stream()
                .anyMatch(event -> event.name().equals(FlowEngine.STAFF_MOVE)
                        || event.name().equals(FlowEngine.STAFF_RESTART));
    }

    private Optional<Instant> lastStaffMessage(ConversationId id) {
        return conversations.messages(id, 50).stream()
                .filter(message -> "agent".equals(message.role()))
                .filter(message -> !"flow".equals(message.details().get("source"))) // the flow's own messages
                .map(MessageEntry::createdAt)
                .max(Comparator.naturalOrder());
    }

    private Optional<OutboundContent> reminderTemplate(ConversationSummary conversation, String name) {
        return templates.list(conversation.chatbotId()).stream()
                .filter(template -> template.name().equals(name))
                .sorted(Comparator.comparing((MessageTemplate t) -> t.status() != TemplateStatus.APPROVED))
                .findFirst()
                .map(template -> new OutboundContent.Template(template.name(), template.language(), List.of()));
    }

    private static Optional<Instant> earliest(Instant a, Instant b) {
        if (a == null) {
            return Optional.ofNullable(b);
        }
        return Optional.of(b == null || a.isBefore(b) ? a : b);
    }
}
