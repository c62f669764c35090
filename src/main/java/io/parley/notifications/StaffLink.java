package io.parley.notifications;

import io.parley.platform.ChannelAccountId;

/**
 * Where a member of staff links a chat channel: the link to open and the channel account (bot) it goes through.
 */
public record StaffLink(String url, ChannelAccountId via) {}
