package io.parley.notifications.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parley.push.*}: how Parley signs and times its Web Push requests.
 *
 * @param subject the VAPID {@code sub} claim, the operator's contact for push services: a {@code mailto:} or
 *                {@code https:} URI ({@code PARLEY_PUSH_SUBJECT}; set a real one in production)
 * @param ttl     how long a push service keeps a message for an offline browser (the {@code TTL} header)
 */
@ConfigurationProperties("parley.push")
record PushProperties(String subject, Duration ttl) {
    static final String DEFAULT_SUBJECT = "mailto:push@parley.invalid";
    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    PushProperties {
        subject = subject == null || subject.isBlank() ? DEFAULT_SUBJECT : subject.strip();
        ttl = ttl == null || ttl.isNegative() ? DEFAULT_TTL : ttl;
    }
}
