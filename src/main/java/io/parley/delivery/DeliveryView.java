package io.parley.delivery;

import io.parley.platform.MessageId;
import io.parley.platform.OutboundMessageId;

public record DeliveryView(
        OutboundMessageId id,
        MessageId messageId,
        DeliveryStatus status,
        String providerMessageId,
        String errorCode,
        String errorMessage,
        int attempts) {}
