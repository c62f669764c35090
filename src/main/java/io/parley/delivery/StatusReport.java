package io.parley.delivery;

import io.parley.platform.ChannelAccountId;

/**
 * A provider's report about a message we sent.
 *
 * @param callbackData what we sent along as our outbound id (WhatsApp {@code biz_opaque_callback_data}), or null;
 *                     it finds the message when the provider answered faster than we stored its id
 */
public record StatusReport(ChannelAccountId channelAccountId, String providerMessageId, String callbackData,
                           DeliveryStatus status, String errorCode, String errorMessage) {
}
