package io.parley.delivery.internal;

import io.parley.delivery.DeliveryStatus;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.channel.ChannelType;
import java.time.Instant;

/**
 * @param content        what to send; null when content retention removed it (never sent)
 * @param contextMessageId the provider id of the message this one replies to, or null
 * @param throttles      throttling answers so far (they do not use up the retry budget)
 * @param unconfirmedAt  when an attempt ended without knowing whether the provider accepted it, or null
 * @param campaignSlotAt the campaign slot this message reserved, or null
 * @param traceId        the trace of the request or turn that queued it, continued by every attempt; or null
 */
record OutboundRow(
        OutboundMessageId id,
        OrganizationId organizationId,
        ConversationId conversationId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        String recipient,
        OutboundContent content,
        String contextMessageId,
        DeliveryStatus status,
        int attempts,
        Lane lane,
        long seq,
        int throttles,
        Instant unconfirmedAt,
        Instant campaignSlotAt,
        String traceId) {

    boolean contentRemoved() {
        return content == null;
    }

    OutboundRow withContent(OutboundContent replacement) {
        return new OutboundRow(
                id,
                organizationId,
                conversationId,
                channelAccountId,
                channel,
                recipient,
                replacement,
                contextMessageId,
                status,
                attempts,
                lane,
                seq,
                throttles,
                unconfirmedAt,
                campaignSlotAt,
                traceId);
    }
}
