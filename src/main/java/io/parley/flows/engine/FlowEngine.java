package io.parley.flows.engine;

import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowSettings;
import io.parley.flows.definition.Message;
import io.parley.flows.definition.Next;
import io.parley.flows.definition.Step;
import io.parley.flows.definition.StepKind;
import io.parley.flows.parse.BundleCheck;
import io.parley.flows.parse.Condition;
import io.parley.flows.parse.InvalidParserOptions;
import io.parley.flows.parse.MediaItem;
import io.parley.flows.parse.ParseInput;
import io.parley.flows.parse.ParseResult;
import io.parley.flows.parse.Parser;
import io.parley.flows.parse.ParserEnvironment;
import io.parley.flows.parse.ParserRegistry;
import io.parley.flows.parse.TextFold;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow engine (spec §4): a pure function of (definition, state, inputs, clock) → (state, outputs, effects). The
 * model and the actions are asked through {@link FlowPorts}; nothing is written here. The rules, in the order a message
 * meets them: a flow not started starts (the first message only opens it); restart words start a new run; handover
 * words hand over; after a handover the current question is asked again; an {@code ask} takes media it does not accept
 * as extra media and re-asks, refuses a bundle of answers, takes a parsed answer and goes on, or repairs once and then
 * applies the flow's {@code exhausted} rule.
 */
public final class FlowEngine {
    /** Steps one input may run through before the engine stops a loop and hands over. */
    static final int MAX_STEPS_PER_INPUT = 50;

    /** A person moves the conversation to a step ({@code data: {step, by}}): the step runs as if the flow got there. */
    public static final String STAFF_MOVE = "staff.move";

    /** A person starts the flow over ({@code data: {by}}), like a restart word. */
    public static final String STAFF_RESTART = "staff.restart";

    private static final String DEFAULT_BUNDLE_REPLY = "One question at a time, please.";

    private final Flow flow;
    private final StepIndex index;
    private final ParserRegistry parsers = ParserRegistry.standard();

    public FlowEngine(Flow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.index = new StepIndex(flow);
    }

    /**
     * What the engine needs besides the state.
     *
     * @param contact         what {@code {{contact.x}}} and conditions read ({@code first_name}, {@code name}, ...)
     * @param reference       a prefix unique to the conversation, for payment references
     * @param handoverMessage sent when a handover word hands the conversation over (null: nothing)
     */
    public record Context(
            Map<String, Object> contact, Clock clock, FlowPorts ports, String reference, String handoverMessage) {}

    /** The new state, the messages in order, and the effects. */
    public record Result(FlowState state, List<FlowOutput> outputs, List<FlowEffect> effects) {}

    /** Whether {@link #STAFF_MOVE} can go to {@code stepId}: a step of the flow whose id was written in it. */
    public boolean canMoveTo(String stepId) {
        return stepId != null && index.step(stepId).filter(Step::addressable).isPresent();
    }

    /** How long the {@code wait} step {@code stepId} waits before its {@code on_timeout}; empty for other steps. */
    public Optional<java.time.Duration> waitTimeout(String stepId) {
        return index.step(stepId == null ? "" : stepId)
                .filter(step -> step.kind() instanceof StepKind.Wait wait && wait.timeout() != null)
                .map(step -> ((StepKind.Wait) step.kind()).timeout());
    }

    public Result run(FlowState state, List<FlowInput> inputs, Context context) {
        Turn turn = new Turn(state, context);
        for (FlowInput input : inputs) {
            turn.steps = 0;
            switch (input) {
                case FlowInput.Reply reply -> turn.reply(reply);
                case FlowInput.Event event -> turn.event(event);
            }
        }
        return new Result(turn.state, dropReplacedPrompts(turn.outputs), List.copyOf(turn.effects));
    }

    /** A prompt followed by a later prompt of the same turn is not sent (the contact gets only the current question). */
    private static List<FlowOutput> dropReplacedPrompts(List<FlowOutput> outputs) {
        int lastPrompt = -1;
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof FlowOutput.Say say && say.prompt()) {
                lastPrompt = i;
            }
        }
        List<FlowOutput> kept = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (i < lastPrompt && outputs.get(i) instanceof FlowOutput.Say say && say.prompt()) {
                continue;
            }
            kept.add(outputs.get(i));
        }
        return List.copyOf(kept);
    }

    /** One turn's work: the state as it moves, what to send, what to write. */
    private final class Turn {
        private final Context context;
        private final List<FlowOutput> outputs = new ArrayList<>();
        private final List<FlowEffect> effects = new ArrayList<>();
        private FlowState state;
        private int steps;
        private FlowInput.Reply lastReply;

        Turn(FlowState state, Context context) {
            this.state = state;
            this.context = context;
        }

        // ---- inputs

        void reply(FlowInput.Reply reply) {
            lastReply = reply;
            String folded = TextFold.fold(reply.text());
            if (!state.started()) {
                start();
                return;
            }
            if (!folded.isEmpty() && matches(folded, settings().restartWords())) {
                event("flow.restarted", Map.of("run", state.run() + 1));
                state = state.restarted();
                start();
                return;
            }
            if (state.done()) {
                event("flow.message_after_end", Map.of());
                return;
            }
            if (!folded.isEmpty() && matches(folded, settings().handoverWords())) {
                if (context.handoverMessage() != null) {
                    outputs.add(FlowOutput.Say.text(context.handoverMessage()));
                }
                handover("handover_word", null);
                return;
            }
            if (state.status() == FlowState.Status.HANDOVER) {
                // the bot has the conversation again: the current question, whatever was said
                event("flow.resumed", Map.of("step", state.stepId()));
                state = state.withStatus(FlowState.Status.ACTIVE);
                enter(state.stepId());
                return;
            }
            Step step = index.step(state.stepId()).orElse(null);
            if (step == null) {
                enter(Next.END);
                return;
            }
            switch (step.kind()) {
                case StepKind.Ask ask -> answer(step, ask, reply);
                case StepKind.Payment payment -> {
                    // waiting for Stripe: the link again
                    outputs.add(paymentPrompt(step, payment));
                }
                case StepKind.Wait ignored -> event("flow.message_while_waiting", Map.of("step", step.id()));
                default -> enter(step.id());
            }
        }

        void event(FlowInput.Event event) {
            switch (event.name()) {
                case "paid", "expired", "failed" -> payment(event);
                case "timeout" -> timeout();
                case STAFF_MOVE -> staffMove(event);
                case STAFF_RESTART -> staffRestart(event);
                case "resume" -> {
                    if (state.status() == FlowState.Status.HANDOVER && !state.done()) {
                        event("flow.resumed", Map.of("step", String.valueOf(state.stepId())));
                        state = state.withStatus(FlowState.Status.ACTIVE);
                        enter(state.stepId());
                    }
                }
                default -> {
                    Step step = index.step(String.valueOf(state.stepId())).orElse(null);
                    String target = step == null ? null : step.on().get(event.name());
                    if (target == null) {
                        event("flow.event_ignored", Map.of("event", event.name()));
                    } else {
                        enter(target);
                    }
                }
            }
        }

        private void payment(FlowInput.Event event) {
            Object pending = state.vars().get("payment");
            String stepId = pending instanceof Map<?, ?> map ? String.valueOf(map.get("step")) : null;
            Object reference = pending instanceof Map<?, ?> map ? map.get("reference") : null;
            Step step = stepId == null ? null : index.step(stepId).orElse(null);
            if (step == null || !Objects.equals(reference, event.data().get("reference"))) {
                event("flow.event_ignored", Map.of("event", event.name()));
                return;
            }
            boolean waiting = stepId.equals(state.stepId()) && state.status() == FlowState.Status.WAITING;
            if ("paid".equals(event.name())) {
                if (!waiting && !"deposit_expired".equals(state.leadStatus())) {
                    event("flow.event_ignored", Map.of("event", "paid"));
                    return;
                }
                lead("deposit_paid");
            } else if (!waiting) {
                event("flow.event_ignored", Map.of("event", event.name()));
                return;
            }
            String target = step.on().get(event.name());
            if (target == null) {
                target = "paid".equals(event.name()) ? nextOf(step) : null;
            }
            if (target == null) {
                event("flow.event_ignored", Map.of("event", event.name()));
                return;
            }
            enter(target);
        }

        /** To the step a person chose, whatever the flow was doing (a handover, a wait, the end): its question again. */
        private void staffMove(FlowInput.Event event) {
            Object target = event.data().get("step");
            String stepId = target instanceof String id && canMoveTo(id) ? id : null;
            if (stepId == null) {
                effects.add(FlowEffect.Event.warn(
                        "flow.event_ignored", Map.of("event", STAFF_MOVE, "step", String.valueOf(target))));
                return;
            }
            if (state.run() == 0) {
                state = state.restarted();
            }
            Map<String, Object> data = staffData(event);
            data.put("from", String.valueOf(state.stepId()));
            data.put("to", stepId);
            event("flow.moved_by_staff", data);
            enter(stepId);
        }

        private void staffRestart(FlowInput.Event event) {
            Map<String, Object> data = staffData(event);
            data.put("run", state.run() + 1);
            event("flow.restarted_by_staff", data);
            state = state.restarted();
            start();
        }

        private Map<String, Object> staffData(FlowInput.Event event) {
            Map<String, Object> data = new LinkedHashMap<>();
            Object by = event.data().get("by");
            if (by != null) {
                data.put("by", String.valueOf(by));
            }
            return data;
        }

        private void timeout() {
            Step step = index.step(String.valueOf(state.stepId())).orElse(null);
            if (step != null
                    && step.kind() instanceof StepKind.Wait wait
                    && state.status() == FlowState.Status.WAITING) {
                enter(wait.onTimeout() != null ? wait.onTimeout() : nextOf(step));
            }
        }

        // ---- asking

        private void answer(Step step, StepKind.Ask ask, FlowInput.Reply reply) {
            ParseInput input = new ParseInput(reply.text(), reply.media());
            if (reply.media().stream()
                    .anyMatch(item -> !ask.accepts().contains(item.kind().wireName()))) {
                mediaAtTextStep(step, ask, reply);
                return;
            }
            FlowSettings.Bundle bundle = settings().bundle();
            if (!reply.text().isBlank()
                    && BundleCheck.isBundle(input, otherOpenAsks(step), Math.max(1, bundle.minOtherAnswers()))) {
                outputs.add(FlowOutput.Say.text(bundle.reply() != null ? bundle.reply() : DEFAULT_BUNDLE_REPLY));
                event("flow.bundle_rejected", Map.of("step", step.id()));
                ask(step, ask);
                return;
            }
            ParseResult result = parse(ask, input, reply);
            if (result instanceof ParseResult.Value value) {
                take(step, ask, value, reply);
                return;
            }
            if (state.needsReask()) {
                state = state.withNeedsReask(false);
                ask(step, ask);
                return;
            }
            FlowSettings.Repair repair = settings().repair();
            if (state.attempts() < repair.attempts()) {
                state = state.withAttempts(state.attempts() + 1);
                event("flow.repair", Map.of("step", step.id(), "attempt", state.attempts()));
                if (ask.repair() != null) {
                    outputs.add(new FlowOutput.Say(render(ask.repair()), null, List.of(), List.of(), true));
                } else {
                    ask(step, ask);
                }
                return;
            }
            event(
                    "flow.repair_exhausted",
                    Map.of("step", step.id(), "rule", repair.exhausted().name()));
            switch (repair.exhausted()) {
                case ACCEPT_RAW -> {
                    String raw = reply.text().strip();
                    Map<String, Object> kept = new LinkedHashMap<>();
                    kept.put("raw", raw);
                    kept.put("needs_review", true);
                    state = state.withAnswer(key(step, ask), kept, raw);
                    effects.add(new FlowEffect.Answer(step.id(), key(step, ask), kept, raw, reply.messageId(), true));
                    enter(nextOf(step));
                }
                case HANDOVER -> handover("repair_exhausted", null);
                case GOTO -> enter(repair.gotoStep());
            }
        }

        private void mediaAtTextStep(Step step, StepKind.Ask ask, FlowInput.Reply reply) {
            FlowSettings.MediaAtTextStep rule = settings().mediaAtTextStep();
            List<Object> extra = new ArrayList<>();
            if (state.answers().get("extra_media") instanceof List<?> kept) {
                extra.addAll(kept);
            }
            for (MediaItem item : reply.media()) {
                extra.add(Map.of("type", item.kind().wireName(), "id", item.id(), "step", step.id()));
            }
            state = state.withAnswer("extra_media", List.copyOf(extra), null);
            event(
                    "flow.media_kept",
                    Map.of("step", step.id(), "count", reply.media().size()));
            if (rule.reply() != null) {
                outputs.add(FlowOutput.Say.text(render(rule.reply())));
            }
            ask(step, ask);
        }

        private ParseResult parse(StepKind.Ask ask, ParseInput input, FlowInput.Reply reply) {
            Parser parser = parser(ask);
            if (parser == null) {
                return ParseResult.invalid("the step's parser cannot be built");
            }
            if (reply.choiceId() != null) {
                ParseResult byId = parser.parse(new ParseInput(reply.choiceId(), input.media()));
                if (byId.isValue()) {
                    return byId;
                }
            }
            return parser.parse(input);
        }

        private void take(Step step, StepKind.Ask ask, ParseResult.Value value, FlowInput.Reply reply) {
            String key = key(step, ask);
            state = state.withAnswer(key, value.value(), value.normalized()).withNeedsReask(false);
            effects.add(new FlowEffect.Answer(step.id(), key, value.value(), reply.text(), reply.messageId(), false));
            enter(nextOf(step));
        }

        private List<Parser> otherOpenAsks(Step current) {
            List<Parser> others = new ArrayList<>();
            for (StepIndex.Ask other : index.asks()) {
                if (other.step().id().equals(current.id())
                        || state.answers().containsKey(key(other.step(), other.ask()))) {
                    continue;
                }
                Parser parser = parser(other.ask());
                if (parser != null) {
                    others.add(parser);
                }
            }
            return others;
        }

        private Parser parser(StepKind.Ask ask) {
            Object spec = ask.parse() == null
                    ? "text"
                    : Map.of(
                            ask.parse().name(),
                            JsonMapper.shared().treeToValue(ask.parse().options(), Object.class));
            try {
                return parsers.create(spec, ParserEnvironment.of(context.clock(), data()));
            } catch (InvalidParserOptions e) {
                return null;
            }
        }

        // ---- moving through steps

        private void start() {
            if (state.run() == 0) {
                state = new FlowState(
                        1,
                        null,
                        FlowState.Status.ACTIVE,
                        0,
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        state.leadStatus(),
                        false,
                        null,
                        null,
                        0);
            }
            event("flow.started", Map.of("flow", flow.key(), "run", state.run()));
            enter(index.first());
        }

        /** Runs steps from {@code id} until one waits or the flow ends. */
        private void enter(String id) {
            String current = id;
            while (current != null) {
                if (Next.END.equals(current)) {
                    finish(null, null);
                    return;
                }
                if (++steps > MAX_STEPS_PER_INPUT) {
                    event("flow.loop_stopped", Map.of("step", current));
                    handover("loop", null);
                    return;
                }
                Step step = index.step(current).orElse(null);
                if (step == null) {
                    finish(null, null);
                    return;
                }
                state = state.at(step.id(), FlowState.Status.ACTIVE);
                if (step.setStatus() != null) {
                    lead(step.setStatus());
                }
                current = run(step);
            }
        }

        /** Runs one step; returns the next step to run, or null when the flow waits (or ended). */
        private String run(Step step) {
            switch (step.kind()) {
                case StepKind.Say say -> {
                    outputs.add(message(say.message(), false));
                    return nextOf(step);
                }
                case StepKind.Ask ask -> {
                    ask(step, ask);
                    return null;
                }
                case StepKind.Llm llm -> {
                    llm(step, llm);
                    return nextOf(step);
                }
                case StepKind.Branch ignored -> {
                    return nextOf(step);
                }
                case StepKind.SetValues set -> {
                    set(set);
                    return nextOf(step);
                }
                case StepKind.Action action -> {
                    action(step, action);
                    return nextOf(step);
                }
                case StepKind.Payment payment -> {
                    int count = state.vars().get("payments_started") instanceof Number n ? n.intValue() + 1 : 1;
                    String reference = context.reference() + ":" + state.run() + ":" + step.id() + ":" + count;
                    state = state.withVar("payments_started", count)
                            .withVar("payment", Map.of("step", step.id(), "reference", reference));
                    state = state.withStatus(FlowState.Status.WAITING);
                    outputs.add(paymentPrompt(step, payment));
                    return null;
                }
                case StepKind.Wait ignored -> {
                    state = state.withStatus(FlowState.Status.WAITING);
                    return null;
                }
                case StepKind.Handover handover -> {
                    if (step.say() != null) {
                        outputs.add(message(step.say(), false));
                    }
                    String following = nextOf(step);
                    state = state.at(following, FlowState.Status.ACTIVE);
                    handover("step", handover.note());
                    return null;
                }
                case StepKind.End end -> {
                    if (step.say() != null) {
                        outputs.add(message(step.say(), false));
                    }
                    finish(end.status(), end.notification());
                    return null;
                }
            }
        }

        private void ask(Step step, StepKind.Ask ask) {
            outputs.add(message(ask.prompt(), true));
        }

        private void llm(Step step, StepKind.Llm llm) {
            String from = llm.from() == null
                    ? (lastReply == null ? "" : lastReply.text())
                    : Rendering.show(io.parley.flows.parse.ContextPaths.resolve(data(), llm.from()));
            if (llm.extract() != null) {
                Optional<Map<String, Object>> facts = context.ports().extract(step.id(), llm.extract(), from);
                if (facts.isEmpty()) {
                    effects.add(FlowEffect.Event.warn("flow.llm_failed", Map.of("step", step.id())));
                    return;
                }
                String key = llm.store() != null ? llm.store() : step.id();
                state = state.withAnswer(key, facts.get(), null);
                effects.add(new FlowEffect.Answer(step.id(), key, facts.get(), from, null, false));
                return;
            }
            Optional<String> text = context.ports().reply(step.id(), llm.instructions(), from);
            if (text.isEmpty()) {
                effects.add(FlowEffect.Event.warn("flow.llm_failed", Map.of("step", step.id())));
                return;
            }
            outputs.add(FlowOutput.Say.text(text.get()));
        }

        private void set(StepKind.SetValues set) {
            set.values().forEach((path, node) -> {
                Object value = JsonMapper.shared().treeToValue(node, Object.class);
                if (value instanceof String text) {
                    value = render(text);
                }
                if (path.equals("status")) {
                    lead(String.valueOf(value));
                } else if (path.startsWith("answers.")) {
                    state = state.withAnswer(path.substring("answers.".length()), value, null);
                } else if (path.startsWith("vars.")) {
                    state = state.withVar(path.substring("vars.".length()), value);
                }
            });
        }

        private void action(Step step, StepKind.Action action) {
            Map<String, Object> arguments = arguments(action.arguments());
            FlowPorts.ActionResult result = context.ports().action(step.id(), action.name(), arguments);
            if (result.ok()) {
                state = state.withVar(step.id(), result.value());
                return;
            }
            effects.add(FlowEffect.Event.warn(
                    "flow.action_failed", Map.of("step", step.id(), "action", action.name(), "error", result.error())));
            state = state.withVar(
                    step.id(),
                    action.name().endsWith("find_slots") ? List.of() : Map.of("ok", false, "error", result.error()));
        }

        /** Arguments with texts filled and paths ({@code answers.slot}) resolved. */
        private Map<String, Object> arguments(JsonNode node) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (node == null || !node.isObject()) {
                return out;
            }
            Object plain = JsonMapper.shared().treeToValue(node, Object.class);
            if (plain instanceof Map<?, ?> map) {
                map.forEach((key, value) -> out.put(String.valueOf(key), argument(value)));
            }
            return out;
        }

        private Object argument(Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> resolved = new LinkedHashMap<>();
                map.forEach((key, item) -> resolved.put(String.valueOf(key), argument(item)));
                return resolved;
            }
            if (value instanceof List<?> list) {
                return list.stream().map(this::argument).toList();
            }
            if (value instanceof String text) {
                if (text.matches("(answers|vars|lead|contact)(\\.[A-Za-z0-9_]+)+")) {
                    Object resolved = io.parley.flows.parse.ContextPaths.resolve(data(), text);
                    return resolved == null ? text : resolved;
                }
                return render(text);
            }
            return value;
        }

        private void handover(String reason, String note) {
            state = state.withStatus(FlowState.Status.HANDOVER);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reason", reason);
            data.put("step", String.valueOf(state.stepId()));
            if (note != null) {
                data.put("note", note);
            }
            event("flow.handover", data);
            effects.add(new FlowEffect.Handover(reason, note));
        }

        private void finish(String status, String notify) {
            if (status != null) {
                lead(status);
            }
            state = state.at(Next.END, FlowState.Status.DONE);
            effects.add(new FlowEffect.Completed(state.leadStatus(), notify));
            event("flow.completed", Map.of("status", state.leadStatus()));
        }

        private void lead(String to) {
            String from = state.leadStatus();
            if (from.equals(to)) {
                return;
            }
            if (!LeadStatuses.allowed(from, to)) {
                effects.add(FlowEffect.Event.warn("lead.transition_refused", Map.of("from", from, "to", to)));
                return;
            }
            state = state.withLead(to);
            effects.add(new FlowEffect.Lead(from, to));
        }

        private String nextOf(Step step) {
            Next next = step.next();
            if (next == null) {
                return index.following(step.id());
            }
            return switch (next) {
                case Next.Goto go -> go.target();
                case Next.Conditional conditional -> {
                    Map<String, Object> data = data();
                    for (Next.Branch branch : conditional.branches()) {
                        if (Condition.compile(branch.condition()).evaluate(data)) {
                            yield target(branch.then());
                        }
                    }
                    yield conditional.otherwise() == null
                            ? index.following(step.id())
                            : target(conditional.otherwise());
                }
            };
        }

        private String target(Next.Target target) {
            return switch (target) {
                case Next.ToStep to -> to.id();
                case Next.Inline inline ->
                    inline.steps().isEmpty()
                            ? Next.END
                            : inline.steps().getFirst().id();
            };
        }

        // ---- helpers

        private FlowOutput paymentPrompt(Step step, StepKind.Payment payment) {
            Object pending = state.vars().get("payment");
            String reference = pending instanceof Map<?, ?> map ? String.valueOf(map.get("reference")) : null;
            String text = step.say() != null && step.say().text() != null
                    ? render(step.say().text())
                    : payment.label() + ": " + Rendering.PAYMENT_LINK;
            return new FlowOutput.PaymentPrompt(step.id(), payment, text, reference);
        }

        private FlowOutput.Say message(Message message, boolean prompt) {
            List<FlowOutput.Choice> buttons = message.buttons().stream()
                    .map(choice -> new FlowOutput.Choice(choice.id(), render(choice.title()), choice.description()))
                    .toList();
            List<FlowOutput.Choice> rows = new ArrayList<>(message.rows().stream()
                    .map(choice -> new FlowOutput.Choice(choice.id(), render(choice.title()), choice.description()))
                    .toList());
            if (message.rowsFrom() != null
                    && io.parley.flows.parse.ContextPaths.resolve(data(), message.rowsFrom())
                            instanceof List<?> items) {
                for (Object item : items.subList(0, Math.min(10, items.size()))) {
                    rows.add(row(item));
                }
            }
            return new FlowOutput.Say(render(message.text()), message.media(), buttons, rows, prompt);
        }

        private FlowOutput.Choice row(Object item) {
            if (item instanceof Map<?, ?> map) {
                Object id = map.get("id");
                Object title = map.get("label") != null ? map.get("label") : map.get("title");
                Object description = map.get("description");
                return new FlowOutput.Choice(
                        String.valueOf(id != null ? id : title),
                        Rendering.show(title != null ? title : id),
                        description == null ? null : String.valueOf(description));
            }
            String text = Rendering.show(item);
            return new FlowOutput.Choice(text, text, null);
        }

        private String render(String text) {
            return Rendering.render(text, state, data());
        }

        private Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("answers", state.answers());
            data.put("vars", state.vars());
            data.put("lead", Map.of("status", state.leadStatus()));
            data.put("contact", context.contact() == null ? Map.of() : context.contact());
            return data;
        }

        private void event(String type, Map<String, Object> data) {
            effects.add(FlowEffect.Event.info(type, data));
        }

        private FlowSettings settings() {
            return flow.settings() == null ? FlowSettings.DEFAULTS : flow.settings();
        }

        private String key(Step step, StepKind.Ask ask) {
            return ask.store() != null ? ask.store() : step.id();
        }

        private boolean matches(String folded, List<String> words) {
            for (String word : words) {
                if (TextFold.fold(word).equals(folded)) {
                    return true;
                }
            }
            return false;
        }
    }
}
