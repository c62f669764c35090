package io.parley.engines.internal;

import io.parley.delivery.OutboundContent;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an endpoint's answer strictly: {@code {"messages": [{"text"} | {"text", "buttons": [{"id", "title"}]}],
 * "handover": bool, "variables": {"key": value}}}, every member optional, nothing else allowed. A violation is a
 * {@link MalformedReply} whose message names the member (never its value: the answer is the tenant's data). Texts
 * become {@link OutboundContent.Text}, buttons {@link OutboundContent.Interactive} (or their transcript as text on a
 * channel without buttons).
 */
final class EngineReplies {
    static final int MAX_MESSAGES = 10;
    static final int MAX_VARIABLES = 50;
    static final int MAX_VARIABLE_KEY = 64;
    static final int MAX_VARIABLE_VALUE = 500;
    private static final Set<String> TOP = Set.of("messages", "handover", "variables");
    private static final Set<String> MESSAGE = Set.of("text", "buttons");
    private static final Set<String> BUTTON = Set.of("id", "title");

    private EngineReplies() {}

    /**
     * An answer understood.
     *
     * @param variables to merge over the contact's (a null value removes one)
     */
    record Reply(List<OutboundContent> messages, boolean handover, Map<String, Object> variables) {}

    /** The answer is not the contract's. */
    static final class MalformedReply extends RuntimeException {
        MalformedReply(String message) {
            super(message, null, false, false);
        }
    }

    static Reply read(JsonMapper json, byte[] body, ChannelCapabilities channel) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedReply("the answer is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReply("the answer must be a JSON object");
        }
        only(root, TOP, "");
        return new Reply(
                messages(root.get("messages"), channel),
                handover(root.get("handover")),
                variables(root.get("variables")));
    }

    private static List<OutboundContent> messages(JsonNode node, ChannelCapabilities channel) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_MESSAGES) {
            throw new MalformedReply("messages must be an array of at most " + MAX_MESSAGES + " messages");
        }
        List<OutboundContent> messages = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]", channel));
        }
        return messages;
    }

    private static OutboundContent message(JsonNode node, String path, ChannelCapabilities channel) {
        if (!node.isObject()) {
            throw new MalformedReply(path + " must be an object with text");
        }
        only(node, MESSAGE, path + ".");
        JsonNode text = node.get("text");
        if (text == null || !text.isString() || text.asString().isBlank()) {
            throw new MalformedReply(path + ".text must be a non-empty string");
        }
        JsonNode buttons = node.get("buttons");
        OutboundContent content = buttons == null || buttons.isNull()
                ? new OutboundContent.Text(text.asString())
                : interactive(text.asString(), buttons, path);
        try {
            content.validate();
        } catch (InvalidRequestException e) {
            throw new MalformedReply(path + ": " + e.getMessage());
        }
        if (content instanceof OutboundContent.Interactive buttonsMessage
                && !channel.supports(OutboundKind.INTERACTIVE)) {
            return new OutboundContent.Text(buttonsMessage.transcript());
        }
        return content;
    }

    private static OutboundContent interactive(String body, JsonNode node, String path) {
        if (!node.isArray()) {
            throw new MalformedReply(path + ".buttons must be an array of 1 to 3 buttons");
        }
        List<OutboundContent.Button> buttons = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode button = node.get(i);
            String at = path + ".buttons[" + i + "]";
            if (!button.isObject()) {
                throw new MalformedReply(at + " must be an object with id and title");
            }
            only(button, BUTTON, at + ".");
            buttons.add(new OutboundContent.Button(string(button, "id", at), string(button, "title", at)));
        }
        return new OutboundContent.Interactive("button", null, body, null, buttons, null, null, null, null);
    }

    private static String string(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new MalformedReply(at + "." + field + " must be a string");
        }
        return value.asString();
    }

    private static boolean handover(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new MalformedReply("handover must be true or false");
        }
        return node.booleanValue();
    }

    private static Map<String, Object> variables(JsonNode node) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return variables;
        }
        if (!node.isObject() || node.size() > MAX_VARIABLES) {
            throw new MalformedReply("variables must be an object of at most " + MAX_VARIABLES + " variables");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (key.isBlank() || key.codePointCount(0, key.length()) > MAX_VARIABLE_KEY) {
                throw new MalformedReply("variables: a name must have 1 to " + MAX_VARIABLE_KEY + " characters");
            }
            JsonNode value = entry.getValue();
            variables.put(
                    key,
                    switch (value.getNodeType()) {
                        case STRING -> {
                            String text = value.asString();
                            if (text.codePointCount(0, text.length()) > MAX_VARIABLE_VALUE) {
                                throw new MalformedReply("variables." + key + " must have at most " + MAX_VARIABLE_VALUE
                                        + " characters");
                            }
                            yield text;
                        }
                        case NUMBER -> value.numberValue();
                        case BOOLEAN -> value.booleanValue();
                        case NULL -> null;
                        default ->
                            throw new MalformedReply("variables." + key + " must be a string, number, boolean or null");
                    });
        }
        return variables;
    }

    private static void only(JsonNode node, Set<String> allowed, String prefix) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new MalformedReply("unknown member " + prefix + quoted(name));
            }
        }
    }

    private static String quoted(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return "'" + shown + "'";
    }
}
