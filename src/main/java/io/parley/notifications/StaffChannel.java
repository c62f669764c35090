package io.parley.notifications;

import io.parley.access.StaffUserId;
import io.parley.delivery.SendOutcome;
import io.parley.platform.OrganizationId;
import java.util.List;
import java.util.Optional;

/**
 * A way to reach a member of staff (email, push, or a chat channel's bot). The notifications module renders a
 * template for the channel, escaping each variable's value with {@link #escape}, and hands the result to
 * {@link #send}, which classifies every failure into a {@link SendOutcome} instead of throwing. Chat channels
 * implement it in their own package under {@code channels}; the module finds them by {@link #name()}.
 */
public interface StaffChannel {
    /** The channel's name in templates, contact points and the test endpoint ({@code "email"}, {@code "push"}…). */
    String name();

    /** A variable's value made safe for the channel's text format (MarkdownV2, HTML…); the identity by default. */
    default String escape(String value) {
        return value;
    }

    /**
     * Where a member of staff goes to link this channel, for a one-time {@code code} (a chat bot's deep link such as
     * {@code https://t.me/<bot>?start=<code>}), or empty when the organization has nothing to link through or the
     * channel needs no linking.
     */
    default Optional<StaffLink> linkFor(OrganizationId organizationId, String code) {
        return Optional.empty();
    }

    /**
     * The contact points of a member of staff that this channel keeps itself (browser push subscriptions, by id),
     * current ones only. Contact points the notifications module keeps (an email address, a chat address linked by
     * {@link StaffLinks}) are not listed here; the default is none.
     */
    default List<String> addressesOf(OrganizationId organizationId, StaffUserId staffUserId) {
        return List.of();
    }

    SendOutcome send(StaffDelivery delivery);
}
