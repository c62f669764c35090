package io.parley.conversation;

import io.parley.delivery.DeliveryView;
import io.parley.platform.MessageId;
import io.parley.platform.SessionId;
import java.time.Instant;
import java.util.Map;

/**
 * @param delivery  for outbound messages, how far delivery got; null for messages we received
 * @param sessionId the session the message belongs to
 */
public record MessageEntry(
        MessageId id,
        long sequence,
        String role,
        String type,
        String content,
        Map<String, Object> details,
        String providerMessageId,
        Instant createdAt,
        DeliveryView delivery,
        SessionId sessionId) {
    public MessageEntry(
            MessageId id,
            long sequence,
            String role,
            String type,
            String content,
            Map<String, Object> details,
            String providerMessageId,
            Instant createdAt,
            DeliveryView delivery) {
        this(id, sequence, role, type, content, details, providerMessageId, createdAt, delivery, null);
    }
}
