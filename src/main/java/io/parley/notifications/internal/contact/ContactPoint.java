package io.parley.notifications.internal.contact;

import io.parley.platform.ChannelAccountId;

/**
 * Where a member of staff is reached on a channel.
 *
 * @param id     the contact point's id ({@code email} for the staff user's own address, a linked chat address's
 *               row id, or the id a channel keeps itself, such as a push subscription's)
 * @param source {@code account} (the staff user's email), {@code linked} (linked with a code here) or
 *               {@code channel} (kept by the channel)
 */
public record ContactPoint(String id, String channel, String address, ChannelAccountId via, String source) {}
