package io.parley.flows.internal.tests;

import io.parley.flows.definition.Durations;
import io.parley.flows.golden.Golden;
import io.parley.flows.golden.GoldenReader;
import io.parley.platform.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A golden transcript as a tenant sends it: UTF-8 text of at most 256 KB, YAML or JSON (JSON is YAML too), read by
 * {@link GoldenReader}, plus what the stored row and a later run need that the reader does not check — a flow key,
 * no key given twice, no NUL (PostgreSQL cannot store one), waits that keep the virtual clock in range.
 *
 * @param source the text as sent
 * @param json   the same tree as JSON, for the {@code jsonb} column
 */
record GoldenDocument(String source, String json, Golden golden) {
    static final int MAX_BYTES = 256 * 1024;
    /** The longest {@code wait:}; a longer one is a typo, and the clock must stay within {@link java.time.Instant}. */
    static final Duration MAX_WAIT = Duration.ofDays(366);

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");
    private static final Pattern FLOW_KEY = Pattern.compile("[a-z0-9_]{1,64}");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answered 413 before anything is parsed. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Reads {@code bytes} (at most {@link #MAX_BYTES}, else {@link TooLarge}); a bad document is 400 golden_invalid. */
    static GoldenDocument read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new TooLarge();
        }
        String source = utf8(bytes);
        if (source.indexOf('\0') >= 0) {
            throw invalid("", "contains a NUL character");
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(source);
        } catch (RuntimeException e) {
            // Jackson's errors and the YAML engine's own limits (nesting, aliases) alike.
            throw invalid("", "not readable YAML or JSON: " + firstLine(e.getMessage()));
        }
        Golden golden;
        try {
            golden = GoldenReader.read(source);
        } catch (InvalidRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. a stub without a value (stubs: {calendar.hold: null})
            throw invalid("", "cannot be read" + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
        }
        if (golden.flow() == null || !FLOW_KEY.matcher(golden.flow()).matches()) {
            throw invalid("flow", "is required: the key of the chatbot's flow to run, matching [a-z0-9_]{1,64}");
        }
        checkClock(golden);
        checkWaits(golden);
        checkNumbers(tree, "");
        String json = JSON.writeValueAsString(tree);
        if (json.contains("\\u0000")) {
            throw invalid("", "contains a NUL character");
        }
        return new GoldenDocument(source, json, golden);
    }

    /** A stored {@code source} as JSON, keys in the order written ({@code jsonb} keeps its own order). */
    static String asJson(String source) {
        return JSON.writeValueAsString(YAML.readTree(source));
    }

    private static void checkClock(Golden golden) {
        if (golden.clock() != null
                && (golden.clock().isBefore(EARLIEST) || golden.clock().isAfter(LATEST))) {
            throw invalid("clock", "must be between 1970 and 9999");
        }
    }

    /** Infinity and NaN (YAML's {@code .inf}, {@code 1e999}) compare with nothing and cannot be stored. */
    private static void checkNumbers(JsonNode node, String field) {
        if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw invalid(field, "must be a finite number");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNumbers(node.get(i), field + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (var entry : node.properties()) {
                checkNumbers(entry.getValue(), field.isEmpty() ? entry.getKey() : field + "." + entry.getKey());
            }
        }
    }

    private static void checkWaits(Golden golden) {
        for (int i = 0; i < golden.turns().size(); i++) {
            Golden.Turn turn = golden.turns().get(i);
            if (!turn.kind().equals("wait")) {
                continue;
            }
            Optional<Duration> wait = parse(turn.input());
            if (wait.isEmpty() || wait.get().compareTo(MAX_WAIT) > 0) {
                throw invalid("turns[" + i + "].wait", "must be a duration such as 25h or 61m, at most 366d");
            }
        }
    }

    private static Optional<Duration> parse(Object wait) {
        try {
            return Durations.parse(wait == null ? null : String.valueOf(wait));
        } catch (RuntimeException e) {
            return Optional.empty(); // a number too large for a Duration
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("", "is not UTF-8 text");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        String line = message.lines().findFirst().orElse("cannot be read").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "golden_invalid",
                "The golden transcript is not valid: " + (field.isEmpty() ? "" : field + " ") + message,
                Map.of("field", field));
    }
}
