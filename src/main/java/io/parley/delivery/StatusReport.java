package io.parley.delivery;

import io.parley.platform.ChannelAccountId;

/**
 * A provider's report about a message we sent.
 *
 * @param callbackData what we sent along as our outbound id (WhatsApp {@code biz_opaque_callback_data}), or null;
 *                     it finds the message when the provider answered faster than we stored its id
 * @param transientFailure for a {@code failed} report: whether the cause passes (throttling), so the dead letter it
 *                         creates is auto-healed, like a transient answer to the send request (ADR 18)
 */
public record StatusReport(
        ChannelAccountId channelAccountId,
        String providerMessageId,
        String callbackData,
        DeliveryStatus status,
        String errorCode,
        String errorMessage,
        boolean transientFailure) {
    public StatusReport(
            ChannelAccountId channelAccountId,
            String providerMessageId,
            String callbackData,
            DeliveryStatus status,
            String errorCode,
            String errorMessage) {
        this(channelAccountId, providerMessageId, callbackData, status, errorCode, errorMessage, false);
    }
}
