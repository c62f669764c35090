package io.parley.flows.internal.tests;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.flows.golden.GoldenSimulation;
import io.parley.flows.internal.FlowParams;
import io.parley.flows.internal.tests.FlowTestRepository.FlowTestSummary;
import io.parley.flows.internal.tests.FlowTestRepository.Stored;
import io.parley.platform.web.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/chatbots/{botId}/flow-tests}: a chatbot's golden transcripts (YAML or JSON), and runs of one against
 * a version of its flow. Like flow definitions, writes and runs need an admin, reads an agent (docs/flows.md).
 */
@RestController
@RequestMapping("/api/v1/chatbots/{botId}/flow-tests")
class FlowTestController {
    private static final String YAML = "application/yaml";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FlowTests tests;
    private final FlowTestRuns runs;

    FlowTestController(FlowTests tests, FlowTestRuns runs) {
        this.tests = tests;
        this.runs = runs;
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping(
            path = "/{name}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml", "text/x-yaml"})
    ResponseEntity<Map<String, Object>> save(@PathVariable String botId, @PathVariable String name, InputStream body)
            throws IOException {
        FlowTests.Saved saved =
                tests.save(FlowParams.chatbot(botId), name, body.readNBytes(GoldenDocument.MAX_BYTES + 1));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", saved.name());
        answer.put("flow", saved.flow());
        answer.put("turns", saved.turns());
        return saved.created()
                ? ResponseEntity.created(URI.create(path(botId, name))).body(answer)
                : ResponseEntity.ok(answer);
    }

    @RequiresRole(Role.AGENT)
    @GetMapping("/{name}")
    ResponseEntity<String> get(
            @PathVariable String botId,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Stored test = tests.get(FlowParams.chatbot(botId), name);
        if (wantsJson(accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(GoldenDocument.asJson(test.source()));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .body(test.source());
    }

    @RequiresRole(Role.AGENT)
    @GetMapping
    List<FlowTestSummary> list(@PathVariable String botId) {
        return tests.list(FlowParams.chatbot(botId));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String botId, @PathVariable String name) {
        tests.delete(FlowParams.chatbot(botId), name);
        return ResponseEntity.noContent().build();
    }

    /**
     * Runs the test; the shape of {@code status} and {@code turns} is a contract (issue 16 §6). Written here so that
     * nulls stay ({@code diff} of a turn as written, an {@code actual} step that is not set): the API's mapper leaves
     * null fields out.
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/{name}/runs")
    ResponseEntity<String> run(
            @PathVariable String botId, @PathVariable String name, @RequestParam(required = false) String version) {
        FlowTestRuns.Run run = runs.run(FlowParams.chatbot(botId), name, FlowParams.version(version));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", run.result().status());
        answer.put(
                "turns",
                run.result().turns().stream().map(FlowTestController::turn).toList());
        answer.put("flow", Map.of("key", run.flow().key(), "version", run.flow().version()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(answer));
    }

    @ExceptionHandler(GoldenDocument.TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload_too_large",
                        "A golden transcript may have at most 256 KB"));
    }

    /** A turn with every key, {@code diff} null when the turn is as written. */
    private static Map<String, Object> turn(GoldenSimulation.TurnResult turn) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("index", turn.index());
        shape.put("expected", turn.expected());
        shape.put("actual", turn.actual());
        shape.put("diff", turn.diff());
        return shape;
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        String type = accept.toLowerCase(Locale.ROOT);
        return type.contains(MediaType.APPLICATION_JSON_VALUE)
                && FlowParams.YAML_TYPES.stream().noneMatch(type::contains);
    }

    private static String path(String botId, String name) {
        return "/api/v1/chatbots/" + botId + "/flow-tests/" + name;
    }
}
