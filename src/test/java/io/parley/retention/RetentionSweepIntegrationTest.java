package io.parley.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RetentionSweepIntegrationTest extends IntegrationTestSupport {
    @Autowired
    RetentionSweep sweep;

    @Test
    void should_delete_only_rows_past_their_retention() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        UUID org = UUID.fromString(bot.organizationId());
        UUID channel = UUID.fromString(bot.channelId());
        Instant now = Instant.now();
        inboundEvent(channel, org, "old-" + UUID.randomUUID(), now.minus(Duration.ofDays(8)));
        inboundEvent(channel, org, "recent-" + UUID.randomUUID(), now.minus(Duration.ofDays(6)));
        systemEvent(org, "retention.old", now.minus(Duration.ofDays(91)));
        systemEvent(org, "retention.recent", now.minus(Duration.ofDays(89)));

        RetentionSweep.Result result = sweep.sweep();

        assertThat(result.inboundEvents()).isGreaterThanOrEqualTo(1);
        assertThat(result.systemEvents()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select provider_event_id from inbound_events where channel_account_id = :c")
                .param("c", channel).query(String.class).list()).singleElement().asString().startsWith("recent-");
        assertThat(jdbc.sql("select type from system_events where organization_id = :o").param("o", org)
                .query(String.class).list()).containsExactly("retention.recent");
    }

    private void inboundEvent(UUID channel, UUID org, String providerId, Instant at) {
        jdbc.sql("""
                        insert into inbound_events (channel_account_id, provider_event_id, organization_id, received_at)
                        values (:c, :p, :o, :at)""")
                .param("c", channel).param("p", providerId).param("o", org).param("at", Timestamp.from(at)).update();
    }

    private void systemEvent(UUID org, String type, Instant at) {
        jdbc.sql("insert into system_events (level, type, organization_id, occurred_at) values ('warn', :t, :o, :at)")
                .param("t", type).param("o", org).param("at", Timestamp.from(at)).update();
    }
}
