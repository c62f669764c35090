package io.parley.channels.telegram;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;

/**
 * A connected bot: its channel account, the bot's own id and username as {@code getMe} answered, and its two
 * secrets opened from their sealed columns.
 *
 * @param webhookSecret the {@code secret_token} registered with {@code setWebhook}; Telegram sends it back in
 *                      {@code X-Telegram-Bot-Api-Secret-Token} with every update
 */
record TelegramBot(
        ChannelAccountId channelAccountId,
        OrganizationId organizationId,
        long botId,
        String username,
        Secret token,
        Secret webhookSecret) {}
