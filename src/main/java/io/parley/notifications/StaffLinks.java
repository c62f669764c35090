package io.parley.notifications;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;

/**
 * Links a chat address to a member of staff with a one-time code (issue 17): a chat channel that receives
 * {@code /start <code>} from someone on one of the organization's bots calls {@link #redeem}, inside the transaction
 * that stores the update, and answers the person with the outcome's text instead of passing the message to the
 * chatbot.
 */
public interface StaffLinks {
    /**
     * @param channel the {@link StaffChannel#name()} of the channel the code arrived on
     * @param via     the channel account (bot) it arrived at
     * @param address the sender's address on that channel (their chat id)
     * @param code    the code after {@code /start}, as typed (trimmed by the caller)
     */
    Redemption redeem(String channel, OrganizationId organizationId, ChannelAccountId via, String address, String code);

    /** How a code was taken: linked to a member of staff, or not (unknown, used or expired: one answer for all). */
    sealed interface Redemption {
        /** The text to answer the person with, in plain words. */
        String reply();

        record Linked(String staffName, String reply) implements Redemption {}

        record Refused(String reply) implements Redemption {}
    }
}
