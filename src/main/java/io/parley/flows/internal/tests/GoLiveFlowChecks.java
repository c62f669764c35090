package io.parley.flows.internal.tests;

import io.parley.flows.FlowDefinitions;
import io.parley.flows.FlowStatus;
import io.parley.flows.FlowVersion;
import io.parley.flows.StoredFlow;
import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowReading;
import io.parley.flows.definition.StepKind;
import io.parley.flows.internal.FlowDocuments;
import io.parley.payments.Payments;
import io.parley.platform.ChatbotId;
import io.parley.platform.ParleyException;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.Channels;
import io.parley.templates.MessageTemplate;
import io.parley.templates.MessageTemplates;
import io.parley.templates.TemplateStatus;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotEngine;
import io.parley.tenancy.ChatbotEngines;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.GoLiveChecks;
import io.parley.tenancy.GoLiveReport;
import io.parley.tenancy.GoLiveReport.Check;
import io.parley.tenancy.GoLiveReport.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The go-live checks of a chatbot that runs on a flow (issue 16, spec §4 "Pilot mode"): its flow is published and
 * still valid, the reminder template is approved on every channel that sends templates, a payment step has live
 * Stripe keys behind it, and the flow's golden transcripts pass against the published version. A chatbot on another
 * engine has nothing to check here.
 */
@Component
class GoLiveFlowChecks implements GoLiveChecks {
    static final String FLOW = "flow_published";
    static final String TEMPLATES = "templates_approved";
    static final String PAYMENTS = "payments_live";
    static final String GOLDENS = "goldens_green";

    private final Chatbots chatbots;
    private final ChatbotEngines engines;
    private final FlowDefinitions flows;
    private final FlowDocuments documents;
    private final ChannelAccounts channelAccounts;
    private final Channels channels;
    private final MessageTemplates templates;
    private final Payments payments;
    private final FlowTests tests;
    private final FlowTestRuns runs;

    GoLiveFlowChecks(
            Chatbots chatbots,
            ChatbotEngines engines,
            FlowDefinitions flows,
            FlowDocuments documents,
            ChannelAccounts channelAccounts,
            Channels channels,
            MessageTemplates templates,
            Payments payments,
            FlowTests tests,
            FlowTestRuns runs) {
        this.chatbots = chatbots;
        this.engines = engines;
        this.flows = flows;
        this.documents = documents;
        this.channelAccounts = channelAccounts;
        this.channels = channels;
        this.templates = templates;
        this.payments = payments;
        this.tests = tests;
        this.runs = runs;
    }

    @Override
    public GoLiveReport check(ChatbotId chatbotId) {
        Chatbot chatbot = chatbots.get(chatbotId);
        ChatbotEngine engine = engines.get(chatbotId);
        if (engine.kind() != ChatbotEngine.Kind.FLOW) {
            return GoLiveReport.of(List.of(new Check(
                    FLOW,
                    Status.SKIPPED,
                    "the chatbot runs on the " + engine.kind().wire() + " engine, not a flow")));
        }
        String key = engine.flowKey();
        Optional<FlowVersion> published = flows.versions(chatbotId, key).stream()
                .filter(v -> v.status() == FlowStatus.PUBLISHED)
                .findFirst();
        if (published.isEmpty()) {
            return GoLiveReport.of(List.of(
                    new Check(FLOW, Status.FAILED, "flow '" + key + "' has no published version: publish it"),
                    new Check(TEMPLATES, Status.SKIPPED, "checked once the flow is published"),
                    new Check(PAYMENTS, Status.SKIPPED, "checked once the flow is published"),
                    new Check(GOLDENS, Status.SKIPPED, "checked once the flow is published")));
        }
        int version = published.get().version();
        StoredFlow stored = flows.get(chatbotId, key, version);
        FlowReading.Result reading = FlowReading.read(documents.parse(stored.source(), stored.format()), key);
        if (!(reading instanceof FlowReading.Valid valid)) {
            return GoLiveReport.of(List.of(new Check(
                    FLOW,
                    Status.FAILED,
                    "flow '" + key + "' version " + version
                            + " no longer passes validation: save and publish it again")));
        }
        Flow flow = valid.flow();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(FLOW, Status.PASSED, "flow '" + key + "' version " + version + " is published"));
        checks.add(templates(chatbotId, flow));
        checks.add(payments(chatbot, flow));
        checks.add(goldens(chatbotId, key, version));
        return GoLiveReport.of(checks);
    }

    private Check templates(ChatbotId chatbotId, Flow flow) {
        String template = flow.settings().reminder() == null
                ? null
                : flow.settings().reminder().template();
        if (template == null) {
            return new Check(TEMPLATES, Status.SKIPPED, "the flow sends no reminder template");
        }
        List<ChannelAccount> sending = channelAccounts.list(chatbotId).stream()
                .filter(account -> channels.find(account.type())
                        .map(d -> d.capabilities().supports(OutboundKind.TEMPLATE))
                        .orElse(false))
                .toList();
        if (sending.isEmpty()) {
            return new Check(TEMPLATES, Status.SKIPPED, "no channel of the chatbot sends templates");
        }
        List<MessageTemplate> registered = templates.list(chatbotId);
        List<String> missing = new ArrayList<>();
        for (ChannelAccount account : sending) {
            boolean approved = registered.stream()
                    .anyMatch(t -> t.channelAccountId().equals(account.id())
                            && t.name().equals(template)
                            && t.status() == TemplateStatus.APPROVED);
            if (!approved) {
                missing.add(account.type().wireName() + " channel " + account.id());
            }
        }
        return missing.isEmpty()
                ? new Check(TEMPLATES, Status.PASSED, "template '" + template + "' is approved on every channel")
                : new Check(
                        TEMPLATES,
                        Status.FAILED,
                        "template '" + template + "' is not approved on " + String.join(", ", missing));
    }

    private Check payments(Chatbot chatbot, Flow flow) {
        boolean takesPayments = flow.steps().stream().anyMatch(step -> step.kind() instanceof StepKind.Payment);
        if (!takesPayments) {
            return new Check(PAYMENTS, Status.SKIPPED, "the flow has no payment step");
        }
        return payments.livemode(chatbot.organizationId())
                .map(live -> live
                        ? new Check(PAYMENTS, Status.PASSED, "Stripe is connected with live keys")
                        : new Check(
                                PAYMENTS,
                                Status.FAILED,
                                "Stripe is connected with test keys: connect live keys (sk_live_…) to take deposits"))
                .orElseGet(() -> new Check(
                        PAYMENTS,
                        Status.FAILED,
                        "the flow takes payments and the organization has not connected Stripe"));
    }

    private Check goldens(ChatbotId chatbotId, String key, int version) {
        List<String> names = tests.list(chatbotId).stream()
                .filter(t -> t.flow().equals(key))
                .map(FlowTestRepository.FlowTestSummary::name)
                .toList();
        if (names.isEmpty()) {
            return new Check(
                    GOLDENS, Status.WARNING, "flow '" + key + "' has no golden transcripts: nothing proves its turns");
        }
        List<String> failed = new ArrayList<>();
        List<String> nondeterministic = new ArrayList<>();
        for (String name : names) {
            String status;
            try {
                status = runs.run(chatbotId, name, version).result().status();
            } catch (ParleyException e) {
                status = "failed";
            }
            switch (status) {
                case "passed" -> {}
                case "nondeterministic" -> nondeterministic.add(name);
                default -> failed.add(name);
            }
        }
        if (!failed.isEmpty()) {
            return new Check(
                    GOLDENS,
                    Status.FAILED,
                    failed.size() + " of " + names.size() + " golden transcripts fail against version " + version + ": "
                            + String.join(", ", failed));
        }
        if (!nondeterministic.isEmpty()) {
            return new Check(
                    GOLDENS,
                    Status.WARNING,
                    "these ran against the live model and cannot prove a result: "
                            + String.join(", ", nondeterministic));
        }
        return new Check(GOLDENS, Status.PASSED, "all " + names.size() + " golden transcripts pass");
    }
}
