package io.parley.delivery.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.delivery.DeliveryProperties;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Messages per second per channel account: the configured default, or the account's own (cached for 10 s). */
@Component
public class AccountRates {
    private final JdbcClient jdbc;
    private final int defaultRate;
    private final Cache<ChannelAccountId, Integer> cache;

    AccountRates(JdbcClient jdbc, DeliveryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.defaultRate = properties.pacing().accountMessagesPerSecond();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(10))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(50_000)
                .build();
    }

    int messagesPerSecond(ChannelAccountId account) {
        return cache.get(
                account,
                id -> jdbc.sql("select messages_per_second from delivery_pacing where channel_account_id = :id")
                        .param("id", id.value())
                        .query(Integer.class)
                        .optional()
                        .orElse(defaultRate));
    }

    /** Sets an account's rate; false when the account is not the organization's. */
    public boolean set(OrganizationId organization, ChannelAccountId account, int messagesPerSecond) {
        int updated = jdbc.sql("""
                        insert into delivery_pacing (channel_account_id, organization_id, messages_per_second)
                        select id, organization_id, :rate from channel_accounts where id = :id and organization_id = :org
                        on conflict (channel_account_id) do update
                            set messages_per_second = excluded.messages_per_second, updated_at = now()""")
                .param("id", account.value())
                .param("org", organization.value())
                .param("rate", messagesPerSecond)
                .update();
        cache.invalidate(account);
        return updated == 1;
    }
}
