package io.parley.tools.builtin;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.llm.ToolSpec;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * {@code update_contact}: remembers facts about the user (variables) and labels (tags) on their contact. The schema
 * checks the shape of one call; the totals a contact may hold are checked here, against what is stored.
 */
@Component
class UpdateContactTool implements BuiltinTool {
    static final String NAME = "update_contact";
    static final int MAX_VARIABLES = 50;
    static final int MAX_TAGS = 50;
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Remember facts about the user for later conversations (variables, e.g. {"city": "Monterrey"}; a null \
            value forgets a fact) and add tags (e.g. ["vip"]). Give variables, tags or both.""", """
            {"type": "object",
             "properties": {
               "variables": {"type": "object", "maxProperties": 50,
                             "propertyNames": {"minLength": 1, "maxLength": 64},
                             "additionalProperties": {"type": ["string", "number", "boolean", "null"], "maxLength": 500},
                             "description": "Facts to remember; null removes a fact"},
               "tags": {"type": "array", "maxItems": 20,
                        "items": {"type": "string", "minLength": 1, "maxLength": 64},
                        "description": "Tags to add"}
             },
             "additionalProperties": false}""");

    private final Contacts contacts;

    UpdateContactTool(Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public BuiltinResult run(ToolContext context, JsonNode arguments) {
        Map<String, Object> variables = variables(arguments.get("variables"));
        List<String> tags = tags(arguments.get("tags"));
        if (variables.isEmpty() && tags.isEmpty()) {
            throw new InvalidRequestException("nothing_to_update", "Give variables, tags or both.");
        }
        Contact contact = contact(context);
        checkTotals(contact, variables, tags);
        if (!contacts.remember(context.organizationId(), contact.id(), storable(variables), tags)) {
            throw notFound();
        }
        Contact after = contacts.find(contact.id()).orElseThrow(UpdateContactTool::notFound);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("variables", after.variables());
        result.put("tags", after.tags());
        return BuiltinResult.of(result);
    }

    private Contact contact(ToolContext context) {
        if (context.contactId() == null) {
            throw notFound();
        }
        return contacts.find(context.contactId())
                .filter(c -> c.organizationId().equals(context.organizationId()))
                .orElseThrow(UpdateContactTool::notFound);
    }

    private static void checkTotals(Contact contact, Map<String, Object> variables, List<String> tags) {
        Set<String> keys = new HashSet<>(contact.variables().keySet());
        variables.forEach((key, value) -> {
            if (value == null) {
                keys.remove(key);
            } else {
                keys.add(key);
            }
        });
        if (keys.size() > MAX_VARIABLES) {
            throw new InvalidRequestException(
                    "too_many_variables",
                    "A contact holds at most " + MAX_VARIABLES
                            + " variables and this one has "
                            + contact.variables().size()
                            + ". Forget some (set them to null) before adding new ones.");
        }
        Set<String> allTags = new HashSet<>(contact.tags());
        allTags.addAll(tags);
        if (allTags.size() > MAX_TAGS) {
            throw new InvalidRequestException(
                    "too_many_tags",
                    "A contact holds at most " + MAX_TAGS + " tags and this one has "
                            + contact.tags().size() + ".");
        }
    }

    private static Map<String, Object> variables(JsonNode node) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return variables;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            variables.put(
                    entry.getKey(),
                    switch (value.getNodeType()) {
                        case STRING -> value.asString();
                        case NUMBER -> value.numberValue();
                        case BOOLEAN -> value.booleanValue();
                        default -> null;
                    });
        }
        return variables;
    }

    /**
     * A removal must reach the database as a JSON null. The application's mapper leaves null map values out
     * ({@code spring.jackson.default-property-inclusion: non_null}), which would turn "forget city" into nothing;
     * a {@link NullNode} is an object, so it is written, as {@code null}.
     */
    private static Map<String, Object> storable(Map<String, Object> variables) {
        Map<String, Object> storable = new LinkedHashMap<>();
        variables.forEach((key, value) -> storable.put(key, value == null ? NullNode.getInstance() : value));
        return storable;
    }

    private static List<String> tags(JsonNode node) {
        List<String> tags = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode tag : node) {
                String text = tag.asString().strip();
                if (!text.isEmpty() && !tags.contains(text)) {
                    tags.add(text);
                }
            }
        }
        return tags;
    }

    private static NotFoundException notFound() {
        return new NotFoundException("contact_not_found", "There is no contact to update in this conversation.");
    }
}
