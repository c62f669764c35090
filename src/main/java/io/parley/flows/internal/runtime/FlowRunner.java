package io.parley.flows.internal.runtime;

import io.parley.agent.Agent;
import io.parley.agent.AgentRequest;
import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.EngineConflict;
import io.parley.delivery.OutboundContent;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowSettings;
import io.parley.flows.definition.StepKind;
import io.parley.flows.engine.ContactData;
import io.parley.flows.engine.FlowEffect;
import io.parley.flows.engine.FlowEngine;
import io.parley.flows.engine.FlowInput;
import io.parley.flows.engine.FlowOutput;
import io.parley.flows.engine.FlowState;
import io.parley.flows.engine.PaymentLinks;
import io.parley.llm.Models;
import io.parley.payments.Payment;
import io.parley.payments.PaymentRequest;
import io.parley.payments.Payments;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotEngine;
import io.parley.tenancy.ChatbotEngines;
import io.parley.tenancy.Chatbots;
import io.parley.tools.ToolContext;
import io.parley.tools.Tools;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a conversation's flow: {@link #prepare} works the inputs out with the engine (outside any transaction: the
 * model and the actions are called there), {@link #commit} writes the result inside the caller's transaction — the
 * state by compare-and-set on its sequence number, the answers, the lead, the events, the payment and its link — and
 * returns what to send. A conversation pins the flow version it started on.
 */
@Component
class FlowRunner {
    private final FlowStateRepository states;
    private final FlowModels models;
    private final ChatbotEngines engines;
    private final Chatbots chatbots;
    private final Models llm;
    private final Tools tools;
    private final JsonMapper json;
    private final Clock clock;
    private final SystemEvents events;
    private final Payments payments;
    private final PaymentLinkIssuer links;
    private final Duration modelTimeout;
    private final Agent agent;
    private final Contacts contacts;
    private final HttpAction httpAction;

    FlowRunner(
            FlowStateRepository states,
            FlowModels models,
            ChatbotEngines engines,
            Chatbots chatbots,
            Models llm,
            Tools tools,
            JsonMapper json,
            Clock clock,
            SystemEvents events,
            Payments payments,
            PaymentLinkIssuer links,
            Agent agent,
            Contacts contacts,
            HttpAction httpAction,
            @Value("${parley.llm.timeout:60s}") Duration modelTimeout) {
        this.agent = agent;
        this.contacts = contacts;
        this.httpAction = httpAction;
        this.states = states;
        this.models = models;
        this.engines = engines;
        this.chatbots = chatbots;
        this.llm = llm;
        this.tools = tools;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.payments = payments;
        this.links = links;
        this.modelTimeout = modelTimeout;
    }

    /** Who the turn is for. */
    record Subject(
            OrganizationId organization,
            ChatbotId chatbot,
            ConversationId conversation,
            ChannelType channel,
            Contact contact) {
        ContactId contactId() {
            return contact == null ? null : contact.id();
        }
    }

    /** A worked-out turn: the state it was read at ({@code seq} -1: none yet) and what the engine made of it. */
    record Prepared(
            Subject subject, UUID definitionId, long seq, Flow flow, FlowEngine.Result result, FlowState next) {}

    /** Empty when the conversation has no state and the chatbot no published flow to start. */
    Optional<Prepared> prepare(Subject subject, List<FlowInput> inputs) {
        return prepare(subject, inputs, UnaryOperator.identity());
    }

    /** Like {@link #prepare(Subject, List)}, with {@code adjust} applied to the stored state before the engine runs. */
    Optional<Prepared> prepare(Subject subject, List<FlowInput> inputs, UnaryOperator<FlowState> adjust) {
        Optional<FlowStateRepository.Stored> stored = states.find(subject.conversation());
        UUID definitionId = stored.map(FlowStateRepository.Stored::definitionId)
                .or(() -> publishedFlow(subject.chatbot()))
                .orElse(null);
        if (definitionId == null) {
            return Optional.empty();
        }
        Flow flow = models.model(definitionId);
        Chatbot chatbot = chatbots.get(subject.chatbot());
        FlowState state =
                adjust.apply(stored.map(FlowStateRepository.Stored::state).orElse(FlowState.fresh()));
        LiveFlowPorts ports = new LiveFlowPorts(
                chatbot,
                new ToolContext(
                        subject.organization(), subject.chatbot(), subject.conversation(), subject.contactId(), 0),
                llm,
                tools,
                json,
                modelTimeout,
                agent,
                subject.contact() == null
                        ? new AgentRequest.ContactContext(null, null)
                        : new AgentRequest.ContactContext(
                                subject.contact().displayName(),
                                subject.contact().phone().orElse(null),
                                subject.contact().variables()),
                subject.channel(),
                httpAction);
        FlowEngine engine = new FlowEngine(flow);
        FlowEngine.Result result = engine.run(
                state,
                inputs,
                new FlowEngine.Context(
                        contact(subject.contact()),
                        clock,
                        ports,
                        "flow:" + subject.conversation().value(),
                        chatbot.fallbackMessages().handover()));
        FlowState next =
                timers(flow, engine, state, result, inputs.stream().anyMatch(FlowInput.Reply.class::isInstance));
        return Optional.of(new Prepared(
                subject,
                definitionId,
                stored.map(FlowStateRepository.Stored::seq).orElse(-1L),
                flow,
                result,
                next));
    }

    private Optional<UUID> publishedFlow(ChatbotId chatbot) {
        ChatbotEngine engine = engines.get(chatbot);
        return engine.flowKey() == null ? Optional.empty() : models.published(chatbot, engine.flowKey());
    }

    /**
     * The reminder after the contact's last message, the handover cooldown, and a {@code wait} step's timeout (from
     * when the flow entered it); {@code resume_at} holds the cooldown's end or the wait's deadline.
     */
    private FlowState timers(
            Flow flow, FlowEngine engine, FlowState before, FlowEngine.Result result, boolean contactWrote) {
        FlowSettings settings = flow.settings() == null ? FlowSettings.DEFAULTS : flow.settings();
        FlowState next = result.state();
        Instant now = clock.instant();
        FlowSettings.Reminder reminder = settings.reminder();
        if (next.status() != FlowState.Status.ACTIVE || reminder == null || reminder.max() == 0) {
            next = next.withReminder(null, next.reminders());
        } else if (contactWrote) {
            next = next.withReminder(now.plus(reminder.after()), 0);
        }
        boolean handedOver = result.effects().stream().anyMatch(FlowEffect.Handover.class::isInstance);
        if (handedOver) {
            next = next.withResumeAt(now.plus(settings.handover().cooldown()));
        } else if (next.status() != FlowState.Status.HANDOVER) {
            next = next.withResumeAt(null);
        }
        Optional<Duration> wait = engine.waitTimeout(next.stepId());
        if (next.status() == FlowState.Status.WAITING && wait.isPresent()) {
            boolean stillWaiting = before.status() == FlowState.Status.WAITING
                    && Objects.equals(before.stepId(), next.stepId())
                    && before.resumeAt() != null;
            next = next.withResumeAt(stillWaiting ? before.resumeAt() : now.plus(wait.get()));
        }
        return next;
    }

    /** What a committed turn sends, and whether the conversation goes to a person. */
    record Committed(List<OutboundContent> messages, boolean handover) {}

    /** Writes the prepared turn; throws {@link EngineConflict} when the state moved since it was read. */
    Committed commit(Prepared prepared) {
        Subject subject = prepared.subject();
        Instant now = clock.instant();
        if (!states.compareAndSet(
                subject.organization(),
                subject.chatbot(),
                subject.conversation(),
                prepared.definitionId(),
                prepared.seq(),
                prepared.next(),
                now)) {
            throw new EngineConflict("flow state of " + subject.conversation() + " moved from seq " + prepared.seq());
        }
        if (subject.contact() != null) {
            states.ensureLead(
                    subject.organization(), subject.chatbot(), subject.contactId(), subject.conversation(), now);
        }
        boolean handover = false;
        for (FlowEffect effect : prepared.result().effects()) {
            switch (effect) {
                case FlowEffect.Answer answer ->
                    states.insertAnswer(
                            subject.organization(),
                            subject.conversation(),
                            prepared.next().run(),
                            answer.stepId(),
                            answer.key(),
                            answer.value(),
                            answer.raw(),
                            answer.messageId() == null ? null : UUID.fromString(answer.messageId()),
                            answer.needsReview(),
                            now);
                case FlowEffect.Lead lead -> {
                    if (subject.contact() != null
                            && !states.moveLead(
                                    subject.conversation(),
                                    lead.from(),
                                    lead.to(),
                                    prepared.next().answers(),
                                    now)) {
                        throw new EngineConflict("lead of " + subject.conversation() + " is no longer " + lead.from());
                    }
                }
                case FlowEffect.Handover ignored -> handover = true;
                case FlowEffect.Event event -> record(subject, event.type(), event.level(), event.data());
                case FlowEffect.Completed completed -> {
                    if (completed.notification() != null) {
                        record(
                                subject,
                                "flow.staff_notified",
                                "INFO",
                                Map.of("notification", completed.notification(), "status", completed.status()));
                    }
                }
            }
        }
        mirror(subject, prepared);
        List<OutboundContent> messages = new ArrayList<>();
        for (FlowOutput output : prepared.result().outputs()) {
            messages.addAll(
                    switch (output) {
                        case FlowOutput.Say say -> FlowMessages.contents(say);
                        case FlowOutput.PaymentPrompt prompt ->
                            List.of(new OutboundContent.Text(paymentText(subject, prompt)));
                    });
        }
        return new Committed(List.copyOf(messages), handover);
    }

    /**
     * The answers taken in this turn, mirrored into the contact's variables (their readable form: "10x15 cm",
     * "Realism") and the lead's summary, so the agent, the console and exports see them.
     */
    private void mirror(Subject subject, Prepared prepared) {
        Map<String, Object> taken = new LinkedHashMap<>();
        for (FlowEffect effect : prepared.result().effects()) {
            if (effect instanceof FlowEffect.Answer answer) {
                String shown = prepared.next().displays().get(answer.key());
                taken.put(answer.key(), shown != null ? shown : answer.value());
            }
        }
        if (taken.isEmpty() || subject.contact() == null) {
            return;
        }
        contacts.remember(subject.organization(), subject.contactId(), taken, List.of());
        states.updateLeadSummary(subject.conversation(), prepared.next().answers());
    }

    /** The payment (the same one for a re-run: its reference is the step's) and a link to pay it. */
    private String paymentText(Subject subject, FlowOutput.PaymentPrompt prompt) {
        StepKind.Payment step = prompt.payment();
        Payment payment = payments.createCheckout(
                subject.organization(),
                new PaymentRequest(
                        step.amountMinor(),
                        step.currency(),
                        step.label(),
                        step.expiresIn(),
                        subject.conversation(),
                        subject.contactId(),
                        prompt.reference()));
        String link = links.linkFor(subject.organization(), subject.conversation(), payment, step.expiresIn());
        return PaymentLinks.fill(prompt.text(), link);
    }

    private void record(Subject subject, String type, String level, Map<String, Object> data) {
        SystemEvent.Builder builder = SystemEvent.of(SystemEvent.Level.valueOf(level), type)
                .organization(subject.organization())
                .chatbot(subject.chatbot())
                .conversation(subject.conversation());
        data.forEach(builder::with);
        events.record(builder.build());
    }

    private static Map<String, Object> contact(Contact contact) {
        return contact == null
                ? Map.of()
                : ContactData.of(contact.displayName(), contact.phone().orElse(null), contact.variables());
    }
}
