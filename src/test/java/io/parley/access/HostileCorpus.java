package io.parley.access;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a hostile client sends: broken and non-object JSON, every field of a route's body with the wrong type, NUL
 * characters, 10,000-deep nesting, invalid UTF-8, a 1.5 MB string, the wrong Content-Type, and query parameters with
 * %00. The expensive pieces are built once.
 */
final class HostileCorpus {
    record Body(String label, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return label + " (" + contentType + ", " + bytes.length + " bytes)";
        }
    }

    static final String JSON_TYPE = "application/json";
    /** A text with NUL characters, which JSON carries as the escape backslash-u0000. */
    static final String NUL_TEXT = "Ac\u0000me\u0000";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEPTH = 10_000;
    private static final String DEEP_ARRAY = "[".repeat(DEPTH) + "]".repeat(DEPTH);
    private static final String DEEP_OBJECT = "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH);
    /** About 1.1 MB of letters that do not compress well (a repeated letter would fit an index once compressed). */
    private static final String BIG = bigText(1_100_000);

    private static final int BIG_FIELDS_PER_BODY = 4;
    private static final List<JsonNode> WRONG_VALUES = List.of(
            NODES.arrayNode(),
            array(),
            NODES.objectNode(),
            NODES.objectNode().set("a", NODES.objectNode().set("b", NODES.arrayNode())),
            NODES.numberNode(0),
            NODES.numberNode(-1),
            NODES.numberNode(2_147_483_648L),
            NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
            NODES.numberNode(-0.5),
            // decimals a numeric column cannot hold (an overflow) or the JDBC driver cannot encode (the exponent)
            NODES.numberNode(new java.math.BigDecimal("99999999999999.99")),
            NODES.numberNode(new java.math.BigDecimal("1E-999999999")),
            NODES.booleanNode(true),
            NODES.booleanNode(false),
            NODES.stringNode("text"),
            NODES.stringNode(""),
            NODES.stringNode("   "),
            NODES.nullNode());

    private HostileCorpus() {}

    /** Bodies that do not depend on the route. */
    static List<Body> common() {
        List<Body> bodies = new ArrayList<>(List.of(
                json("truncated object", "{\"name\": \"x\","),
                json("missing colon", "{\"name\" 1}"),
                json("trailing garbage", "{} {}"),
                json("null", "null"),
                json("empty array", "[]"),
                json("string", "\"text\""),
                json("number", "123"),
                json("true", "true"),
                json("empty object", "{}"),
                json("empty body", ""),
                json("array of objects", "[{}, {\"name\": null}]"),
                json("10,000-deep array", DEEP_ARRAY),
                json("10,000-deep object", DEEP_OBJECT),
                json("number past double", "{\"limit\": 1e999, \"temperature\": 1e999}"),
                json("NUL in keys", "{\"na\\u0000me\": \"x\", \"\\u0000\": \"y\", \"text\": \"\\u0000\"}"),
                json("lone surrogate", "{\"name\": \"\\ud800\", \"text\": \"\\udfff x\"}"),
                new Body("invalid UTF-8", JSON_TYPE, invalidUtf8()),
                new Body("text/plain", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
                new Body("xml", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)),
                new Body(
                        "form",
                        "application/x-www-form-urlencoded",
                        "name=a%00b&text=x".getBytes(StandardCharsets.UTF_8)),
                new Body(
                        "form with invalid UTF-8",
                        "application/x-www-form-urlencoded",
                        "kind=%FF%FE&channelAccountId=%C3%28".getBytes(StandardCharsets.UTF_8)),
                new Body("multipart", "multipart/form-data; boundary=b", multipart()),
                new Body("multipart without its boundary", "multipart/form-data; boundary=zz", multipart()),
                new Body("unknown charset", "application/json; charset=klingon", "{}".getBytes(StandardCharsets.UTF_8)),
                new Body(
                        "UTF-16 label on UTF-8 bytes",
                        "application/json; charset=UTF-16",
                        "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8)),
                new Body("no content type", null, "{}".getBytes(StandardCharsets.UTF_8))));
        return bodies;
    }

    /** Bodies built from the fields the route reads. */
    static List<Body> forShape(BodyShape.Obj shape) {
        List<Body> bodies = new ArrayList<>();
        for (JsonNode value : WRONG_VALUES) {
            bodies.add(json("every field " + value, fill(shape, leaf -> value)));
            bodies.add(json("top-level fields " + value, top(shape, value)));
        }
        bodies.add(
                json("NUL in every text field", fill(shape, leaf -> leaf.text() ? NODES.stringNode(NUL_TEXT) : null)));
        bodies.add(json("NUL in every field", fill(shape, leaf -> NODES.stringNode(NUL_TEXT))));
        // A megabyte in every text field, four fields a body: all in one would be tens of megabytes on some routes.
        int textFields = textLeaves(shape);
        for (int first = 0; first < textFields; first += BIG_FIELDS_PER_BODY) {
            int from = first;
            int[] index = {0};
            bodies.add(json(
                    "1.1 MB in text fields " + from + ".." + Math.min(textFields, from + BIG_FIELDS_PER_BODY),
                    fill(
                            shape,
                            leaf -> leaf.text() && index[0]++ / BIG_FIELDS_PER_BODY == from / BIG_FIELDS_PER_BODY
                                    ? NODES.stringNode(BIG)
                                    : null)));
        }
        bodies.add(json(
                "10,000-deep array in every field",
                "{"
                        + shape.fields().keySet().stream()
                                .map(name -> JSON.writeValueAsString(name) + ": " + DEEP_ARRAY)
                                .collect(Collectors.joining(", "))
                        + "}"));
        return bodies;
    }

    /** Query strings that set every parameter to a hostile value. */
    static List<String> queries(Collection<String> parameters) {
        List<String> values = List.of(
                "a%00b",
                "%00",
                "%C3%28%FF",
                "-1",
                "99999999999999999999",
                "1e309",
                "NaN",
                "2026-13-45T99:99:99Z",
                "-999999999-01-01T00:00:00Z",
                "%2B300000-01-01T00:00:00Z",
                "'%20or%201%3D1%20--",
                "%5B%5D");
        return values.stream()
                .map(value ->
                        parameters.stream().map(name -> name + "=" + value).collect(Collectors.joining("&")))
                .toList();
    }

    private static JsonNode fill(BodyShape shape, Function<BodyShape.Leaf, JsonNode> leafValue) {
        return switch (shape) {
            case BodyShape.Leaf leaf -> leafValue.apply(leaf);
            case BodyShape.Arr arr -> {
                JsonNode element = fill(arr.element(), leafValue);
                yield element == null ? NODES.arrayNode() : NODES.arrayNode().add(element);
            }
            case BodyShape.Obj obj -> {
                ObjectNode node = NODES.objectNode();
                obj.fields().forEach((name, field) -> {
                    JsonNode value = fill(field, leafValue);
                    if (value != null) {
                        node.set(name, value);
                    }
                });
                yield node;
            }
        };
    }

    private static int textLeaves(BodyShape shape) {
        return switch (shape) {
            case BodyShape.Leaf leaf -> leaf.text() ? 1 : 0;
            case BodyShape.Arr arr -> textLeaves(arr.element());
            case BodyShape.Obj obj ->
                obj.fields().values().stream()
                        .mapToInt(HostileCorpus::textLeaves)
                        .sum();
        };
    }

    private static JsonNode top(BodyShape.Obj shape, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        shape.fields().keySet().forEach(name -> node.set(name, value));
        return node;
    }

    private static ArrayNode array() {
        return NODES.arrayNode().add(1).add("a").addNull().add(NODES.objectNode());
    }

    private static Body json(String label, JsonNode node) {
        return new Body(label, JSON_TYPE, JSON.writeValueAsBytes(node));
    }

    private static Body json(String label, String text) {
        return new Body(label, JSON_TYPE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"name\": \"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE});
        out.writeBytes("\", \"text\": \"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC0, (byte) 0x80});
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] multipart() {
        return ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\nhello\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String bigText(int length) {
        Random random = new Random(11);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = i % 7 == 6 ? ' ' : (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
