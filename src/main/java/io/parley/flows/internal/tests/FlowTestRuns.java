package io.parley.flows.internal.tests;

import io.parley.flows.FlowDefinitions;
import io.parley.flows.FlowProblem;
import io.parley.flows.FlowStatus;
import io.parley.flows.FlowVersion;
import io.parley.flows.StoredFlow;
import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowReading;
import io.parley.flows.golden.Golden;
import io.parley.flows.golden.GoldenReader;
import io.parley.flows.golden.GoldenSimulation;
import io.parley.flows.internal.FlowDocuments;
import io.parley.flows.internal.runtime.GoldenRunPorts;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Runs a stored golden against a version of its flow with {@link GoldenSimulation}: in memory, under a virtual
 * clock, with a fake Stripe. Nothing is stored and nothing is sent; only an {@code llm} step or action without a
 * stub reaches the live ports (the chatbot's model and tools), and the run is then {@code nondeterministic}.
 */
@Service
class FlowTestRuns {
    /**
     * Where a run's payment links point: a run stores no action token, so a link to this server would lead nowhere;
     * a host under the reserved {@code .test} domain says so, and a golden's expected link (the bundled
     * {@code https://parley\.test/a/...}) passes on every server, whatever its public URL.
     */
    static final String VIRTUAL_HOST = "https://parley.test";

    private final FlowTests tests;
    private final FlowDefinitions flows;
    private final FlowDocuments documents;
    private final GoldenRunPorts live;

    FlowTestRuns(FlowTests tests, FlowDefinitions flows, FlowDocuments documents, GoldenRunPorts live) {
        this.tests = tests;
        this.flows = flows;
        this.documents = documents;
        this.live = live;
    }

    /** A run's outcome and the flow version it ran against. */
    record Run(GoldenSimulation.Result result, FlowVersion flow) {}

    /** Runs test {@code name} against {@code version} of its flow, or the draft, else the published version. */
    Run run(ChatbotId chatbotId, String name, Integer version) {
        Golden golden = GoldenReader.read(tests.get(chatbotId, name).source());
        StoredFlow stored = flows.get(chatbotId, golden.flow(), version == null ? current(chatbotId, golden) : version);
        Flow flow = switch (FlowReading.read(documents.parse(stored.source(), stored.format()), golden.flow())) {
            case FlowReading.Valid valid -> valid.flow();
            case FlowReading.Invalid invalid -> throw unreadable(stored.version(), invalid.problems());
        };
        GoldenSimulation simulation = new GoldenSimulation(flow, live.forChatbot(chatbotId), VIRTUAL_HOST);
        return new Run(simulation.run(golden), stored.version());
    }

    private int current(ChatbotId chatbotId, Golden golden) {
        List<FlowVersion> versions = flows.versions(chatbotId, golden.flow());
        return versions.stream()
                .filter(v -> v.status() == FlowStatus.DRAFT)
                .findFirst()
                .or(() -> versions.stream()
                        .filter(v -> v.status() == FlowStatus.PUBLISHED)
                        .findFirst())
                .orElse(versions.getLast())
                .version();
    }

    /** A stored version that today's rules no longer read: the tenant saves it again. */
    private static InvalidRequestException unreadable(FlowVersion version, List<FlowProblem> problems) {
        List<Map<String, Object>> errors = problems.stream()
                .map(problem -> {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("step", problem.step());
                    error.put("field", problem.field());
                    error.put("message", problem.message());
                    return error;
                })
                .toList();
        return new InvalidRequestException(
                "flow_invalid",
                "Flow '" + version.key() + "' version " + version.version()
                        + " no longer passes validation: save it again",
                Map.of("errors", errors));
    }
}
