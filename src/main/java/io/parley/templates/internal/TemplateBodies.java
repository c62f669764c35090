package io.parley.templates.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a template's body text and its positional placeholders ({@code {{1}}}, {@code {{2}}} ...). */
public final class TemplateBodies {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\d{1,3})\\s*}}");

    private TemplateBodies() {}

    /** The BODY component's text, or "" when the components have none. */
    public static String bodyText(String componentsJson) {
        if (componentsJson == null || componentsJson.isBlank()) {
            return "";
        }
        JsonNode components = JSON.readTree(componentsJson);
        for (JsonNode component : components) {
            if ("body".equalsIgnoreCase(component.path("type").asString(""))) {
                return component.path("text").asString("");
            }
        }
        return "";
    }

    /** How many parameters the body needs: the highest placeholder number (Meta numbers them from 1). */
    public static int parameterCount(String bodyText) {
        Matcher matcher = PLACEHOLDER.matcher(bodyText);
        int highest = 0;
        while (matcher.find()) {
            highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
        }
        return highest;
    }

    /** The body with {@code {{n}}} replaced by the n-th parameter, for the transcript. */
    public static String render(String bodyText, List<String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(bodyText);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1)) - 1;
            String value = index >= 0 && index < parameters.size() ? parameters.get(index) : matcher.group();
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }
}
