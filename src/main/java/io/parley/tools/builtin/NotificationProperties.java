package io.parley.tools.builtin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.notifications.*}: how owner notifications ({@code contact_owner}) are sent. Where they go is per
 * organization (its notification settings); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from         sender address of notification emails
 * @param slackTimeout how long a Slack webhook call may take (connect and answer)
 */
@ConfigurationProperties("parley.notifications")
record NotificationProperties(
        @DefaultValue("parley@localhost") String from,
        @DefaultValue("10s") Duration slackTimeout) {}
