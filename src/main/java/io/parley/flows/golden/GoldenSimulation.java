package io.parley.flows.golden;

import io.parley.flows.definition.Durations;
import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowSettings;
import io.parley.flows.engine.ContactData;
import io.parley.flows.engine.FlowEffect;
import io.parley.flows.engine.FlowEngine;
import io.parley.flows.engine.FlowInput;
import io.parley.flows.engine.FlowOutput;
import io.parley.flows.engine.FlowPorts;
import io.parley.flows.engine.FlowState;
import io.parley.flows.engine.PaymentLinks;
import io.parley.flows.parse.MediaItem;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a golden transcript against a flow in memory: the engine under a virtual clock, a simulated owner (bot or
 * person, with the handover cooldown), the reminder timer, and a fake Stripe whose events move the payment step.
 * Nothing is stored and nothing is sent — what tenants run from the API ({@code POST …/flow-tests/{name}/runs}).
 * {@code llm} steps and actions use the golden's stubs; without a stub they use {@code live} (the chatbot's model and
 * tools) and the run is {@code nondeterministic}.
 */
public final class GoldenSimulation {
    private static final Instant DEFAULT_CLOCK = Instant.parse("2026-03-02T10:00:00Z");

    /** One turn: what the golden says and what happened. */
    public record TurnResult(int index, Map<String, Object> expected, Map<String, Object> actual, String diff) {}

    /** {@code passed}, {@code failed} or {@code nondeterministic} (passed, but a real model answered). */
    public record Result(String status, List<TurnResult> turns) {}

    private final Flow flow;
    private final FlowEngine engine;
    private final FlowPorts live;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();

    public GoldenSimulation(Flow flow, FlowPorts live, String publicUrl) {
        this.flow = flow;
        this.engine = new FlowEngine(flow);
        this.live = live;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public Result run(Golden golden) {
        return new Run(golden).execute();
    }

    private final class Run implements FlowPorts {
        private final Golden golden;
        private final Set<String> usedStubs = new HashSet<>();
        private boolean usedLive;
        private FlowState state = FlowState.fresh();
        private Instant now;
        private String owner = "bot";
        private Instant resumeAt;
        private final Set<String> references = new LinkedHashSet<>();
        private final Set<String> seenEvents = new HashSet<>();
        private final Set<String> seenMessages = new HashSet<>();
        private String lastEventId;
        private Map<String, Object> lastStripe;
        private int eventCounter;
        private List<Object> messages;
        private List<String> events;

        Run(Golden golden) {
            this.golden = golden;
            this.now = golden.clock() == null ? DEFAULT_CLOCK : golden.clock();
        }

        Result execute() {
            List<TurnResult> results = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < golden.turns().size(); i++) {
                Golden.Turn turn = golden.turns().get(i);
                messages = new ArrayList<>();
                events = new ArrayList<>();
                apply(turn);
                GoldenCheck.Observed observed = observed();
                List<String> diffs = new ArrayList<>(GoldenCheck.diff(turn, observed));
                if (i == golden.turns().size() - 1) {
                    unusedStubs().forEach(stub -> diffs.add("stub " + stub + " was never used"));
                }
                failed |= !diffs.isEmpty();
                results.add(new TurnResult(
                        i, expected(turn), actual(observed), diffs.isEmpty() ? null : String.join("\n", diffs)));
            }
            String status = failed ? "failed" : usedLive ? "nondeterministic" : "passed";
            return new Result(status, List.copyOf(results));
        }

        private void apply(Golden.Turn turn) {
            switch (turn.kind()) {
                case "user" -> user(turn.input());
                case "wait" ->
                    waitFor(Durations.parse(String.valueOf(turn.input()))
                            .orElseThrow(() -> new io.parley.platform.InvalidRequestException(
                                    "golden_invalid",
                                    "wait must be a duration such as 25h or 61m",
                                    Map.of("field", "wait"))));
                case "agent" -> {
                    owner = "human";
                    resumeAt = now.plus(settings().handover().cooldown());
                }
                case "release" -> {
                    owner = "bot";
                    resumeAt = null;
                    if ("proactive".equals(settings().handover().resume())) {
                        engine(List.of(new FlowInput.Event("resume", Map.of())));
                    }
                }
                case "stripe" -> stripe(turn.input());
                default -> throw new IllegalStateException(turn.kind());
            }
        }

        private void user(Object input) {
            FlowInput.Reply reply = reply(input);
            if (reply == null) {
                return; // a replayed message id: stored once, answered once
            }
            now = now.plusSeconds(1);
            if ("human".equals(owner)) {
                if (resumeAt == null || now.isBefore(resumeAt)) {
                    return;
                }
                owner = "bot";
                resumeAt = null;
            }
            engine(List.of(reply));
            FlowSettings.Reminder reminder = settings().reminder();
            if (reminder != null && reminder.max() > 0 && state.status() == FlowState.Status.ACTIVE) {
                state = state.withReminder(now.plus(reminder.after()), 0);
            }
        }

        private FlowInput.Reply reply(Object input) {
            if (input instanceof Map<?, ?> map) {
                if (map.get("wamid") != null && !seenMessages.add(String.valueOf(map.get("wamid")))) {
                    return null;
                }
                if (map.get("button") != null || map.get("list") != null) {
                    String id = String.valueOf(map.get("button") != null ? map.get("button") : map.get("list"));
                    return new FlowInput.Reply(id, id, List.of(), null);
                }
                if (map.get("image") != null) {
                    String caption = map.get("caption") == null ? "" : String.valueOf(map.get("caption"));
                    return new FlowInput.Reply(
                            caption, null, List.of(MediaItem.image(String.valueOf(map.get("image")))), null);
                }
                return FlowInput.Reply.text(map.get("text") == null ? "" : String.valueOf(map.get("text")));
            }
            return FlowInput.Reply.text(input == null ? "" : String.valueOf(input));
        }

        private void waitFor(Duration duration) {
            Instant until = now.plus(duration);
            FlowSettings.Reminder reminder = settings().reminder();
            if (reminder != null
                    && state.remindAt() != null
                    && !state.remindAt().isAfter(until)
                    && state.reminders() < reminder.max()) {
                messages.add(Map.of("template", reminder.template(), "params", List.of()));
                events.add("flow.reminder_sent");
                state = state.withReminder(null, state.reminders() + 1).withNeedsReask(true);
            }
            now = until;
            if ("human".equals(owner) && resumeAt != null && !now.isBefore(resumeAt)) {
                owner = "bot";
                resumeAt = null;
                if ("proactive".equals(settings().handover().resume())) {
                    engine(List.of(new FlowInput.Event("resume", Map.of())));
                }
            }
        }

        private void stripe(Object input) {
            String eventId;
            Map<String, Object> event;
            if ("redeliver_last".equals(input)) {
                if (lastEventId == null) {
                    return;
                }
                eventId = lastEventId;
                event = lastStripe;
            } else if (input instanceof Map<?, ?> map) {
                eventId = map.get("id") != null ? String.valueOf(map.get("id")) : "evt_golden_" + (++eventCounter);
                event = new LinkedHashMap<>();
                map.forEach((key, value) -> event.put(String.valueOf(key), value));
            } else {
                return;
            }
            lastEventId = eventId;
            lastStripe = event;
            if (!seenEvents.add(eventId)) {
                return;
            }
            String outcome = switch (String.valueOf(event.get("type"))) {
                case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    "paid".equals(String.valueOf(event.getOrDefault("payment_status", "paid"))) ? "paid" : null;
                case "checkout.session.expired" -> "expired";
                case "checkout.session.async_payment_failed" -> "failed";
                default -> null;
            };
            Object pending = state.vars().get("payment");
            if (outcome == null || !(pending instanceof Map<?, ?> payment)) {
                return;
            }
            engine(List.of(
                    new FlowInput.Event(outcome, Map.of("reference", String.valueOf(payment.get("reference"))))));
        }

        private void engine(List<FlowInput> inputs) {
            FlowEngine.Result result = engine.run(
                    state,
                    inputs,
                    new FlowEngine.Context(contact(), Clock.fixed(now, ZoneOffset.UTC), this, "golden", null));
            state = result.state();
            for (FlowEffect effect : result.effects()) {
                switch (effect) {
                    case FlowEffect.Event event -> events.add(event.type());
                    case FlowEffect.Handover ignored -> {
                        owner = "human";
                        resumeAt = now.plus(settings().handover().cooldown());
                    }
                    default -> {}
                }
            }
            for (FlowOutput output : result.outputs()) {
                switch (output) {
                    case FlowOutput.Say say -> messages.add(GoldenMessages.of(say));
                    case FlowOutput.PaymentPrompt prompt -> {
                        references.add(prompt.reference());
                        messages.add(PaymentLinks.fill(prompt.text(), publicUrl + "/a/" + token()));
                    }
                }
            }
        }

        private String token() {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private Map<String, Object> contact() {
            return ContactData.of(golden.contactName(), golden.contactAddress(), null);
        }

        private GoldenCheck.Observed observed() {
            Map<String, Object> stripe = new LinkedHashMap<>();
            stripe.put("checkout_sessions_created", references.size());
            stripe.put("idempotency_key", references.isEmpty() ? "absent" : "present");
            return new GoldenCheck.Observed(
                    List.copyOf(messages),
                    state.stepId(),
                    state.attempts(),
                    state.leadStatus(),
                    owner,
                    state.run(),
                    state.answers(),
                    List.copyOf(events),
                    stripe);
        }

        private Map<String, Object> expected(Golden.Turn turn) {
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put(turn.kind(), turn.input());
            if (turn.bot() != null) {
                expected.put("bot", turn.bot());
            }
            if (!turn.expect().isEmpty()) {
                expected.put("expect", turn.expect());
            }
            return expected;
        }

        private Map<String, Object> actual(GoldenCheck.Observed observed) {
            Map<String, Object> actual = new LinkedHashMap<>();
            actual.put("bot", observed.messages());
            actual.put("step", observed.step());
            actual.put("attempts", observed.attempts());
            actual.put("lead", observed.lead());
            actual.put("owner", observed.owner());
            actual.put("answers", observed.answers());
            actual.put("events", observed.events());
            return actual;
        }

        private List<String> unusedStubs() {
            List<String> unused = new ArrayList<>();
            golden.stubs().forEach((name, value) -> {
                if (name.equals("llm") && value instanceof Map<?, ?> steps) {
                    steps.keySet().stream()
                            .map(step -> "llm." + step)
                            .filter(stub -> !usedStubs.contains(stub))
                            .forEach(unused::add);
                } else if (!name.equals("llm") && !usedStubs.contains(name)) {
                    unused.add(name);
                }
            });
            return unused;
        }

        private FlowSettings settings() {
            return flow.settings() == null ? FlowSettings.DEFAULTS : flow.settings();
        }

        // ---- ports: the golden's stubs, else the live ones

        @Override
        public Optional<Map<String, Object>> extract(String stepId, Map<String, String> schema, String text) {
            Object stub = llmStub(stepId);
            if (stub instanceof Map<?, ?> map) {
                Map<String, Object> facts = new LinkedHashMap<>();
                map.forEach((key, value) -> facts.put(String.valueOf(key), value));
                return Optional.of(facts);
            }
            if (stub != null || live == null) {
                return Optional.empty();
            }
            usedLive = true;
            return live.extract(stepId, schema, text);
        }

        @Override
        public Optional<String> reply(String stepId, String instructions, String text) {
            Object stub = llmStub(stepId);
            if (stub != null) {
                return Optional.of(String.valueOf(stub));
            }
            if (live == null) {
                return Optional.empty();
            }
            usedLive = true;
            return live.reply(stepId, instructions, text);
        }

        @Override
        public ActionResult action(String stepId, String name, Map<String, Object> arguments) {
            if (golden.stubs().containsKey(name)) {
                usedStubs.add(name);
                return ActionResult.ok(golden.stubs().get(name));
            }
            if (name.equals("notify.staff")) {
                return ActionResult.ok(Map.of("ok", true));
            }
            return live == null ? ActionResult.failed("no stub for " + name) : live.action(stepId, name, arguments);
        }

        private Object llmStub(String stepId) {
            if (golden.stubs().get("llm") instanceof Map<?, ?> steps && steps.containsKey(stepId)) {
                usedStubs.add("llm." + stepId);
                return steps.get(stepId);
            }
            return null;
        }
    }
}
