package io.parley.tools.builtin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the organization's owner is told by {@code contact_owner}, independent of how it travels.
 *
 * @param contactInfo labels ("Name", "Phone") to values, in display order
 */
record OwnerNotification(
        String organizationName,
        String chatbotName,
        Urgency urgency,
        String message,
        Map<String, String> contactInfo,
        String conversationId) {

    enum Urgency {
        LOW("ℹ️"),
        MEDIUM("⚠️"),
        HIGH("🚨");

        private final String emoji;

        Urgency(String emoji) {
            this.emoji = emoji;
        }

        String emoji() {
            return emoji;
        }

        String label() {
            return name().toLowerCase();
        }
    }

    OwnerNotification {
        contactInfo = Collections.unmodifiableMap(new LinkedHashMap<>(contactInfo));
    }

    String subject() {
        return oneLine("[Parley] " + urgency.label() + ": message from " + chatbotName);
    }

    String plainText() {
        StringBuilder text = new StringBuilder()
                .append("Your assistant \"")
                .append(chatbotName)
                .append("\" (")
                .append(organizationName)
                .append(") has a message for you.\n\n")
                .append("Urgency: ")
                .append(urgency.label())
                .append("\n\n")
                .append(message)
                .append("\n\n")
                .append("Contact\n");
        if (contactInfo.isEmpty()) {
            text.append("No contact details provided\n");
        }
        contactInfo.forEach(
                (label, value) -> text.append(label).append(": ").append(value).append('\n'));
        if (conversationId != null) {
            text.append("\nConversation: ").append(conversationId).append('\n');
        }
        return text.append("\n-- \nSent by Parley\n").toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
