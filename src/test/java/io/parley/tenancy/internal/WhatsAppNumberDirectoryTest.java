package io.parley.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The per-node cache of phone number ids, on a settable clock, over an in-memory table standing in for
 * {@code channel_accounts} (the database side is covered end to end by WhatsAppWebhookHostileInputIntegrationTest).
 */
class WhatsAppNumberDirectoryTest {
    private final SettableClock clock = new SettableClock();
    /** The table all nodes share. */
    private final Map<String, ChannelAccount> table = new ConcurrentHashMap<>();

    private final List<Integer> statements = new ArrayList<>();
    private final AtomicInteger fingerprintReads = new AtomicInteger();

    private final WhatsAppNumberDirectory directory = newNode();

    @Test
    void should_look_each_id_up_once_a_minute_in_batches_when_bodies_keep_naming_unknown_numbers() {
        List<String> unknown = IntStream.range(0, 2_500).mapToObj(i -> "9" + i).toList();

        assertThat(directory.find(unknown)).isEmpty();
        assertThat(statements).containsExactly(1_000, 1_000, 500);

        clock.advance(Duration.ofSeconds(59));
        assertThat(directory.find(unknown)).isEmpty();
        assertThat(directory.find(unknown.subList(0, 10))).isEmpty();
        assertThat(statements).as("still within the minute").hasSize(3);

        clock.advance(Duration.ofSeconds(2));
        assertThat(directory.find(unknown)).isEmpty();
        assertThat(statements).hasSize(6);
    }

    @Test
    void should_find_a_number_at_once_when_it_was_connected_on_this_node() {
        assertThat(directory.find(List.of("1001"))).isEmpty();

        table.put("1001", account("1001"));
        directory.connected("1001");

        assertThat(directory.find(List.of("1001"))).containsOnlyKeys("1001");
    }

    @Test
    void should_find_a_number_within_seconds_when_another_node_connected_it() {
        WhatsAppNumberDirectory otherNode = newNode();
        assertThat(directory.find(List.of("2002", "2003"))).isEmpty();

        table.put("2002", account("2002"));
        otherNode.connected("2002");
        int reads = fingerprintReads.get();

        assertThat(directory.find(List.of("2002")))
                .as("the cached answer, not yet re-checked")
                .isEmpty();
        clock.advance(Duration.ofSeconds(4));
        assertThat(directory.find(List.of("2002"))).isEmpty();
        assertThat(fingerprintReads.get())
                .as("at most one fingerprint read per five seconds")
                .isEqualTo(reads);

        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.find(List.of("2002", "2003"))).containsOnlyKeys("2002");
        assertThat(fingerprintReads.get()).isEqualTo(reads + 1);
    }

    @Test
    void should_not_read_the_fingerprint_when_every_number_is_known() {
        table.put("3003", account("3003"));
        directory.find(List.of("3003"));
        int reads = fingerprintReads.get();

        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofSeconds(6));
            assertThat(directory.find(List.of("3003"))).containsOnlyKeys("3003");
        }

        assertThat(fingerprintReads.get()).isEqualTo(reads);
    }

    private WhatsAppNumberDirectory newNode() {
        return new WhatsAppNumberDirectory(this::lookup, this::fingerprint, clock, new SimpleMeterRegistry());
    }

    private List<ChannelAccount> lookup(Collection<String> ids) {
        statements.add(ids.size());
        return ids.stream().map(table::get).filter(java.util.Objects::nonNull).toList();
    }

    private String fingerprint() {
        fingerprintReads.incrementAndGet();
        return Integer.toString(table.size());
    }

    private static ChannelAccount account(String phoneNumberId) {
        return new ChannelAccount(
                new ChannelAccountId(UUID.randomUUID()),
                new OrganizationId(UUID.randomUUID()),
                new ChatbotId(UUID.randomUUID()),
                ChannelType.WHATSAPP,
                phoneNumberId,
                null,
                null,
                null,
                Instant.now());
    }

    private static final class SettableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
