package io.parley.tenancy;

import io.parley.platform.Secret;

/**
 * How an organization wants to be told about things (the {@code contact_owner} tool, later alerts).
 *
 * @param method          {@code disabled}, {@code slack} or {@code email}
 * @param slackWebhookUrl a Slack incoming webhook URL; a credential, so a {@link Secret}
 */
public record NotificationSettings(String method, String email, Secret slackWebhookUrl) {
    public static final NotificationSettings DISABLED = new NotificationSettings("disabled", null, null);
}
