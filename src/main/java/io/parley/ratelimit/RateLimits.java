package io.parley.ratelimit;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.ratelimit.internal.BucketStore;
import io.parley.ratelimit.internal.FailoverBucketStore;
import io.parley.ratelimit.internal.LocalBucketStore;
import io.parley.ratelimit.internal.RedisBucketStore;
import java.time.Clock;
import java.util.Objects;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inbound token buckets: one per chatbot and one per contact of a chatbot, each refilling per hour. Local to this
 * node, or in Redis when {@code parley.ratelimit.redis-url} is set (then shared by every node); see ADR 15.
 */
@Service
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimits implements DisposableBean {
    static final String REDIS_UNAVAILABLE = "ratelimit.redis_unavailable";

    private final RateLimitProperties properties;
    private final BucketStore buckets;
    private final AutoCloseable redis;

    RateLimits(
            RateLimitProperties properties, SystemEvents events, PlatformTransactionManager transactions, Clock clock) {
        this.properties = properties;
        if (properties.redisUrl() == null) {
            this.buckets = new LocalBucketStore();
            this.redis = null;
        } else {
            // Own transaction: the event must stay even when the message's transaction rolls back, since the
            // outage is reported once only.
            TransactionTemplate own = new TransactionTemplate(transactions);
            own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            RedisBucketStore shared =
                    new RedisBucketStore(properties.redisUrl(), properties.redisKeyPrefix(), properties.redisTimeout());
            this.buckets = new FailoverBucketStore(
                    shared,
                    new LocalBucketStore(),
                    properties.redisRetryAfter(),
                    clock,
                    error -> own.executeWithoutResult(
                            status -> events.record(SystemEvent.of(SystemEvent.Level.ERROR, REDIS_UNAVAILABLE)
                                    .with("error", error)
                                    .with("fallback", "local")
                                    .build())));
            this.redis = shared;
        }
    }

    /** The node's configured limits: the ceiling an organization's plan may lower but not raise. */
    public InboundLimits defaults() {
        return properties.defaults();
    }

    /** Counts one inbound message against the configured default limits. */
    public RateDecision tryConsume(OrganizationId organizationId, ChatbotId chatbotId, ContactId contactId) {
        return tryConsume(organizationId, chatbotId, contactId, properties.defaults());
    }

    /**
     * Counts one inbound message against {@code limits} (per-organization limits pass theirs here). The contact's
     * bucket is checked first, so one abusive contact does not drain the chatbot's bucket for everybody else.
     */
    public RateDecision tryConsume(
            OrganizationId organizationId, ChatbotId chatbotId, ContactId contactId, InboundLimits limits) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(chatbotId, "chatbotId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(limits, "limits");
        String contactKey = "contact:" + chatbotId + ":" + contactId;
        if (!buckets.tryConsume(contactKey, limits.perContactPerHour())) {
            return RateDecision.deny(RateDecision.Scope.CONTACT, notice(contactKey));
        }
        if (!buckets.tryConsume("chatbot:" + chatbotId, limits.perChatbotPerHour())) {
            return RateDecision.deny(RateDecision.Scope.CHATBOT, notice(contactKey));
        }
        return RateDecision.allow();
    }

    /** The text a throttled contact gets once per hour. */
    public String noticeText() {
        return properties.noticeText();
    }

    private boolean notice(String contactKey) {
        return properties.notice() && buckets.tryConsume("notice:" + contactKey, 1);
    }

    @Override
    public void destroy() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }
}
