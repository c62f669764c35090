package io.parley.tools.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An owner notification as a Slack incoming-webhook body: {@code text} for notifications and clients without
 * blocks, {@code blocks} for the message itself. Text from the model or the user is escaped, so it cannot ping
 * {@code <!channel>} or forge links.
 */
final class SlackMessage {
    private static final int SECTION_LIMIT = 3000;
    private static final int HEADER_LIMIT = 150;

    private SlackMessage() {}

    static Map<String, Object> of(OwnerNotification notification) {
        String title = notification.urgency().emoji() + " "
                + capitalize(notification.urgency().label()) + " urgency: message from " + notification.chatbotName();
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plainText(cut(title, HEADER_LIMIT))));
        blocks.add(section(escape(notification.message())));
        blocks.add(Map.of(
                "type",
                "section",
                "fields",
                List.of(
                        markdown("*Chatbot:*\n" + escape(notification.chatbotName())),
                        markdown("*Organization:*\n" + escape(notification.organizationName())),
                        markdown("*Urgency:*\n" + notification.urgency().label()))));
        blocks.add(section("*Contact*\n" + contactLines(notification.contactInfo())));
        if (notification.conversationId() != null) {
            blocks.add(Map.of(
                    "type",
                    "context",
                    "elements",
                    List.of(markdown("Sent by Parley · conversation " + notification.conversationId()))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", escape(title) + ": " + escape(cut(notification.message(), 200)));
        body.put("blocks", blocks);
        return body;
    }

    private static String contactLines(Map<String, String> contactInfo) {
        if (contactInfo.isEmpty()) {
            return "No contact details provided";
        }
        StringBuilder lines = new StringBuilder();
        contactInfo.forEach((label, value) -> lines.append('*')
                .append(escape(label))
                .append(":* ")
                .append(escape(value))
                .append('\n'));
        return lines.toString().stripTrailing();
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", markdown(cut(markdown, SECTION_LIMIT)));
    }

    private static Map<String, Object> markdown(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    private static Map<String, Object> plainText(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
