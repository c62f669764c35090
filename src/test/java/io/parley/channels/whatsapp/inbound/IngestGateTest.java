package io.parley.channels.whatsapp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestGateTest {
    @Test
    void should_refuse_when_every_slot_stays_busy_for_longer_than_the_wait() {
        IngestGate gate = new IngestGate(2, 50);
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isTrue();

        assertThat(gate.tryEnter()).as("third concurrent webhook").isFalse();
    }

    @Test
    void should_admit_a_waiting_webhook_when_a_slot_frees_up_within_the_wait() throws Exception {
        IngestGate gate = new IngestGate(1, 5_000);
        assertThat(gate.tryEnter()).isTrue();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(gate::tryEnter);
        gate.exit();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void should_give_slots_back_when_webhooks_finish() {
        IngestGate gate = new IngestGate(1, 10);
        for (int i = 0; i < 100; i++) {
            assertThat(gate.tryEnter()).as("round " + i).isTrue();
            gate.exit();
        }
    }
}
