package io.parley.flows.internal;

import io.parley.flows.FlowFormat;
import io.parley.flows.FlowProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Turns a definition's text into a tree and back. Both notations refuse a key given twice in one mapping (a typo
 * must not silently win over the first). A document that cannot be read becomes a problem with its line and column.
 */
@Component
public class FlowDocuments {
    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();
    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A document that could not be read. */
    public static final class Unreadable extends RuntimeException {
        private final transient FlowProblem problem;

        Unreadable(FlowProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        public FlowProblem problem() {
            return problem;
        }
    }

    public JsonNode parse(String text, FlowFormat format) {
        if (text.isBlank()) {
            throw new Unreadable(FlowProblem.at(null, "", "the definition is empty"));
        }
        if (text.indexOf('\0') >= 0) {
            throw new Unreadable(FlowProblem.at(null, "", "the definition contains a NUL character"));
        }
        try {
            JsonNode tree = format == FlowFormat.YAML ? yaml.readTree(text) : json.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new Unreadable(FlowProblem.at(null, "", "the definition is empty"));
            }
            return tree;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            boolean known = at != null && at.getLineNr() > 0;
            throw new Unreadable(new FlowProblem(
                    null,
                    "",
                    "not valid " + format.name() + ": " + firstLine(e.getOriginalMessage()),
                    known ? at.getLineNr() : null,
                    known ? at.getColumnNr() : null));
        } catch (RuntimeException e) {
            // The YAML engine's own limits (nesting, aliases) end here.
            throw new Unreadable(
                    FlowProblem.at(null, "", "not valid " + format.name() + ": " + firstLine(e.getMessage())));
        }
    }

    /** The tree as JSON text for the {@code jsonb} column; a NUL escape is refused (PostgreSQL cannot store it). */
    public String toJson(JsonNode tree) {
        String text = json.writeValueAsString(tree);
        if (text.contains("\\u0000")) {
            throw new Unreadable(FlowProblem.at(null, "", "the definition contains a NUL character"));
        }
        return text;
    }

    public String toYaml(JsonNode tree) {
        return yaml.writeValueAsString(tree);
    }

    public static String checksum(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        String line = message.lines().findFirst().orElse("cannot be read").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
