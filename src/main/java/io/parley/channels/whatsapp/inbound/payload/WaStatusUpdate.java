package io.parley.channels.whatsapp.inbound.payload;

import io.parley.channels.whatsapp.graph.WaError;
import java.time.Instant;
import java.util.List;

/**
 * One element of {@code value.statuses[]}.
 *
 * @param status       sent, delivered, read, failed or played (lower-case, as Meta sends it)
 * @param callbackData {@code biz_opaque_callback_data}: our outbound message id when we sent it
 * @param errors       Meta's errors for a failed message (code as Meta sends it)
 */
public record WaStatusUpdate(
        String phoneNumberId,
        String wamid,
        String status,
        Instant timestamp,
        String recipientId,
        String recipientUserId,
        String callbackData,
        List<WaError> errors) {}
