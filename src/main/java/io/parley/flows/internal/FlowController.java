package io.parley.flows.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.flows.FlowDefinitions;
import io.parley.flows.FlowFormat;
import io.parley.flows.FlowKeySummary;
import io.parley.flows.FlowVersion;
import io.parley.flows.SavedFlow;
import io.parley.flows.StoredFlow;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.web.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/chatbots/{botId}/flows}: save a definition (YAML or JSON) as a draft, publish it, read versions
 * back (YAML with {@code Accept: application/yaml}). Writes need an admin, reads an agent (docs/flows.md).
 */
@RestController
@RequestMapping("/api/v1/chatbots/{botId}/flows")
class FlowController {
    static final String YAML = "application/yaml";

    private final FlowDefinitions flows;

    FlowController(FlowDefinitions flows) {
        this.flows = flows;
    }

    /** Answered 413 before anything is parsed. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping(
            path = "/{flowKey}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml", "text/x-yaml"})
    ResponseEntity<Map<String, Object>> save(
            @PathVariable String botId,
            @PathVariable String flowKey,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body)
            throws IOException {
        FlowFormat format = isYaml(contentType) ? FlowFormat.YAML : FlowFormat.JSON;
        SavedFlow saved = flows.save(FlowParams.chatbot(botId), flowKey, text(body), format);
        Map<String, Object> answer = shape(saved.version());
        answer.put("replaced", saved.replaced());
        return ResponseEntity.created(URI.create("/api/v1/chatbots/" + botId + "/flows/" + flowKey + "?version="
                        + saved.version().version()))
                .body(answer);
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping("/{flowKey}/publish")
    Map<String, Object> publish(@PathVariable String botId, @PathVariable String flowKey) {
        return shape(flows.publish(FlowParams.chatbot(botId), flowKey));
    }

    @RequiresRole(Role.AGENT)
    @GetMapping("/{flowKey}")
    ResponseEntity<?> get(
            @PathVariable String botId,
            @PathVariable String flowKey,
            @RequestParam(required = false) String version,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        StoredFlow flow = flows.get(FlowParams.chatbot(botId), flowKey, FlowParams.version(version));
        if (accept != null && FlowParams.YAML_TYPES.stream().anyMatch(accept::contains)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                    .eTag("\"" + flow.version().checksum() + "\"")
                    .header(
                            "Parley-Flow-Version",
                            Integer.toString(flow.version().version()))
                    .header("Parley-Flow-Status", flow.version().status().wire())
                    .body(flows.yaml(flow));
        }
        Map<String, Object> answer = shape(flow.version());
        answer.put("checksum", flow.version().checksum());
        answer.put("createdAt", flow.version().createdAt());
        answer.put("updatedAt", flow.version().updatedAt());
        answer.put("publishedAt", flow.version().publishedAt());
        answer.put("format", flow.format().name().toLowerCase(java.util.Locale.ROOT));
        answer.put("definition", flows.tree(flow));
        return ResponseEntity.ok().eTag("\"" + flow.version().checksum() + "\"").body(answer);
    }

    /** A version as listed: status in lower case, like everywhere else on the wire. */
    record VersionView(
            String key,
            int version,
            String status,
            String checksum,
            java.time.Instant createdAt,
            java.time.Instant updatedAt,
            java.time.Instant publishedAt) {
        static VersionView of(FlowVersion v) {
            return new VersionView(
                    v.key(),
                    v.version(),
                    v.status().wire(),
                    v.checksum(),
                    v.createdAt(),
                    v.updatedAt(),
                    v.publishedAt());
        }
    }

    @RequiresRole(Role.AGENT)
    @GetMapping("/{flowKey}/versions")
    List<VersionView> versions(@PathVariable String botId, @PathVariable String flowKey) {
        return flows.versions(FlowParams.chatbot(botId), flowKey).stream()
                .map(VersionView::of)
                .toList();
    }

    @RequiresRole(Role.AGENT)
    @GetMapping
    List<FlowKeySummary> list(@PathVariable String botId) {
        return flows.list(FlowParams.chatbot(botId));
    }

    @ExceptionHandler(TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload_too_large",
                        "A flow definition may have at most 256 KB (and at most 200 steps)"));
    }

    private static Map<String, Object> shape(FlowVersion version) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", version.key());
        answer.put("version", version.version());
        answer.put("status", version.status().wire());
        return answer;
    }

    /** Reads at most one byte past the limit, then decodes strictly: bytes that are not UTF-8 are refused. */
    private static String text(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(FlowDefinitions.MAX_BYTES + 1);
        if (bytes.length > FlowDefinitions.MAX_BYTES) {
            throw new TooLarge();
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException(
                    "flow_invalid", "The flow definition is not UTF-8 text", Map.of("errors", List.of(notUtf8())));
        }
    }

    private static Map<String, Object> notUtf8() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("step", null);
        error.put("field", "");
        error.put("message", "the definition is not UTF-8 text");
        return error;
    }

    private static boolean isYaml(String contentType) {
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return FlowParams.YAML_TYPES.stream().anyMatch(type::startsWith);
    }
}
