package io.parley.access;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.databind.JsonNode;

/**
 * The JSON a route reads, as a tree of field names: taken from the {@code @RequestBody} record of its handler, or,
 * for bodies read as a {@link JsonNode} or map, from a list of the field names Parley's API uses.
 */
sealed interface BodyShape permits BodyShape.Leaf, BodyShape.Obj, BodyShape.Arr {
    /** A scalar field; {@code text} when JSON carries it as a string (strings, ids, enums, timestamps). */
    record Leaf(boolean text) implements BodyShape {}

    record Obj(Map<String, BodyShape> fields) implements BodyShape {}

    record Arr(BodyShape element) implements BodyShape {}

    Leaf TEXT = new Leaf(true);
    Leaf NUMBER = new Leaf(false);

    /** Field names of the bodies that are read as trees (chatbots) or maps, so they get typed junk too. */
    Obj GENERIC = new Obj(fields(
            "name",
            TEXT,
            "type",
            TEXT,
            "text",
            TEXT,
            "url",
            TEXT,
            "email",
            TEXT,
            "password",
            TEXT,
            "role",
            TEXT,
            "systemPrompt",
            TEXT,
            "persona",
            TEXT,
            "sessionId",
            TEXT,
            "query",
            TEXT,
            "limit",
            NUMBER,
            "fallbackMessages",
            new Obj(fields("error", TEXT, "limit", TEXT, "unknown", TEXT, "maxRounds", TEXT, "handover", TEXT)),
            "faq",
            new Arr(new Obj(fields("question", TEXT, "answer", TEXT))),
            "model",
            new Obj(fields(
                    "provider",
                    TEXT,
                    "name",
                    TEXT,
                    "baseUrl",
                    TEXT,
                    "apiKey",
                    TEXT,
                    "temperature",
                    NUMBER,
                    "timeoutSeconds",
                    NUMBER,
                    "maxOutputTokens",
                    NUMBER,
                    "maxToolRounds",
                    NUMBER,
                    "fallback",
                    new Obj(fields("provider", TEXT, "name", TEXT, "baseUrl", TEXT, "apiKey", TEXT)))),
            "tags",
            new Arr(TEXT),
            "contacts",
            new Arr(TEXT)));

    /** The union of what the handlers of one route read (a path can have a JSON and a multipart handler). */
    static Obj of(List<HandlerMethod> handlers) {
        Map<String, BodyShape> merged = new LinkedHashMap<>();
        for (HandlerMethod handler : handlers) {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)
                        && of(parameter.getGenericParameterType(), 0) instanceof Obj obj) {
                    merged.putAll(obj.fields());
                }
            }
        }
        return new Obj(merged);
    }

    private static BodyShape of(Type type, int depth) {
        Class<?> raw = raw(type);
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return GENERIC;
        }
        if (Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType parameterized) {
            return new Obj(fields("key", of(parameterized.getActualTypeArguments()[1], depth + 1)));
        }
        if (raw.isRecord() && depth < 5) {
            Map<String, BodyShape> fields = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                fields.put(component.getName(), of(component.getGenericType(), depth + 1));
            }
            return new Obj(fields);
        }
        if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType parameterized) {
            return new Arr(of(parameterized.getActualTypeArguments()[0], depth + 1));
        }
        if (raw.isArray()) {
            return new Arr(of(raw.getComponentType(), depth + 1));
        }
        boolean numeric =
                Number.class.isAssignableFrom(raw) || raw == Boolean.class || (raw.isPrimitive() && raw != char.class);
        return numeric ? NUMBER : TEXT;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Map<String, BodyShape> fields(Object... namesAndShapes) {
        Map<String, BodyShape> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            fields.put((String) namesAndShapes[i], (BodyShape) namesAndShapes[i + 1]);
        }
        return fields;
    }
}
