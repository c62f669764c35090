package io.parley.tools.builtin;

import io.parley.contacts.Contact;
import io.parley.llm.ToolSpec;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.NotificationSettings;
import io.parley.tenancy.Organizations;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code contact_owner}: tells the organization's people about something the bot cannot handle alone, the way the
 * organization chose (Slack, email, or not at all). Not notifying is reported as such, never as a success.
 */
@Component
@EnableConfigurationProperties(NotificationProperties.class)
class ContactOwnerTool implements BuiltinTool {
    static final String NAME = "contact_owner";
    static final String DISABLED = "Owner notifications are disabled for this organization";
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Notify the business owner about something needing a person: a high-value lead, an urgent problem, a \
            serious complaint. Say what happened and what the user wants.""", """
            {"type": "object",
             "properties": {
               "message": {"type": "string", "minLength": 1, "maxLength": 2000,
                           "description": "What the owner needs to know, in a few sentences"},
               "urgency": {"type": "string", "enum": ["low", "medium", "high"], "default": "medium"},
               "contact_info": {"type": "object", "maxProperties": 20,
                                "description": "Details about the user, e.g. {\\"name\\": \\"Ana\\", \\"email\\": \\"ana@example.com\\"}"}
             },
             "required": ["message"],
             "additionalProperties": false}""");

    private final Organizations organizations;
    private final Chatbots chatbots;
    private final CallerPhone caller;
    private final SlackNotifier slack;
    private final EmailNotifier email;

    ContactOwnerTool(
            Organizations organizations,
            Chatbots chatbots,
            CallerPhone caller,
            SlackNotifier slack,
            EmailNotifier email) {
        this.organizations = organizations;
        this.chatbots = chatbots;
        this.caller = caller;
        this.slack = slack;
        this.email = email;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public BuiltinResult run(ToolContext context, JsonNode arguments) {
        NotificationSettings settings = organizations.notifications(context.organizationId());
        if ("disabled".equals(settings.method())) {
            return BuiltinResult.of(Map.of("notified", false, "reason", DISABLED));
        }
        OwnerNotification notification = notification(context, arguments);
        switch (settings.method()) {
            case "slack" -> slack.send(settings.slackWebhookUrl(), notification);
            case "email" -> email.send(settings.email(), notification);
            default -> throw new IllegalStateException("Unknown notification method " + settings.method());
        }
        return BuiltinResult.of(Map.of("notified", true, "method", settings.method()));
    }

    private OwnerNotification notification(ToolContext context, JsonNode arguments) {
        String urgency = Arguments.text(arguments, "urgency");
        return new OwnerNotification(
                organizations.get(context.organizationId()).name(),
                chatbots.get(context.chatbotId()).name(),
                OwnerNotification.Urgency.valueOf((urgency == null ? "medium" : urgency).toUpperCase(Locale.ROOT)),
                Arguments.text(arguments, "message"),
                contactInfo(context, arguments.get("contact_info")),
                context.conversationId() == null
                        ? null
                        : context.conversationId().toString());
    }

    /** What Parley knows about the user first, then what the model adds (its labels win). */
    private Map<String, String> contactInfo(ToolContext context, JsonNode given) {
        Map<String, String> info = new LinkedHashMap<>();
        caller.contact(context).ifPresent(contact -> known(contact, info));
        if (given != null && given.isObject()) {
            for (Map.Entry<String, JsonNode> entry : given.properties()) {
                JsonNode value = entry.getValue();
                String text = value.isNull()
                        ? ""
                        : value.isValueNode() ? value.asString().strip() : value.toString();
                if (!text.isEmpty() && !entry.getKey().isBlank()) {
                    info.put(label(entry.getKey()), text);
                }
            }
        }
        return info;
    }

    private static void known(Contact contact, Map<String, String> info) {
        if (contact.displayName() != null && !contact.displayName().isBlank()) {
            info.put("Name", contact.displayName());
        }
        contact.phone().ifPresent(phone -> info.put("WhatsApp", phone));
    }

    /** {@code phone_number} and {@code phoneNumber} both read "Phone Number". */
    static String label(String key) {
        String spaced = key.strip().replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-\\s]+", " ");
        StringBuilder label = new StringBuilder();
        for (String word : spaced.split(" ")) {
            if (!word.isEmpty()) {
                label.append(label.isEmpty() ? "" : " ")
                        .append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return label.toString();
    }
}
