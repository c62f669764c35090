package io.parley.knowledge.internal.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.knowledge.HostileDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ExtractionPoolTest {
    private static final byte[] NOTE = "Opening hours: nine to seven.".getBytes(StandardCharsets.UTF_8);

    private ExtractionPool pool;

    @AfterEach
    void stop() {
        pool.destroy();
    }

    @Test
    void should_refuse_at_once_when_every_thread_and_queue_place_is_taken() throws InterruptedException {
        pool = pool(1, 0, Duration.ofSeconds(30));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread occupant = Thread.ofPlatform()
                .start(() -> pool.runWhenFree(() -> {
                    running.countDown();
                    release.await();
                    return null;
                }));
        running.await();

        assertThatThrownBy(() -> pool.extract(NOTE, MediaTypes.TEXT, null)).isInstanceOf(ExtractionPool.Busy.class);

        release.countDown();
        occupant.join();
        // the room is given back by the parsing thread itself, just after the caller has its result
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(ExtractionPool.Busy.class)
                .until(() ->
                        !pool.extract(NOTE, MediaTypes.TEXT, null).sections().isEmpty());
    }

    @Test
    void should_fail_a_real_document_past_its_time_limit_with_the_limit_in_the_reason() {
        pool = pool(1, 0, Duration.ofMillis(1));
        byte[] pdf = HostileDocuments.longPdf(40, 40);

        assertThatThrownBy(() -> pool.extract(pdf, MediaTypes.PDF, null))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("Reading the document took longer than 1 ms (the limit for one document)");
    }

    @Test
    void should_keep_the_room_of_a_parse_past_its_limit_until_the_parse_has_really_ended() {
        pool = pool(1, 0, Duration.ofMillis(50));
        AtomicBoolean release = new AtomicBoolean();

        // a parse that does not look at its interrupt still holds its thread: nobody else may start meanwhile
        assertThatThrownBy(() -> pool.runWhenFree(() -> {
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                    return null;
                }))
                .isInstanceOf(ExtractionException.class)
                .hasMessageContaining("took longer than 50 ms");
        assertThatThrownBy(() -> pool.extract(NOTE, MediaTypes.TEXT, null)).isInstanceOf(ExtractionPool.Busy.class);

        release.set(true);
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(ExtractionPool.Busy.class)
                .until(() ->
                        !pool.extract(NOTE, MediaTypes.TEXT, null).sections().isEmpty());
    }

    @Test
    void should_run_on_platform_threads() {
        pool = pool(1, 0, Duration.ofSeconds(30));

        assertThat(pool.runWhenFree(() -> Thread.currentThread().isVirtual())).isFalse();
    }

    private static ExtractionPool pool(int threads, int queue, Duration timeout) {
        return new ExtractionPool(new ExtractionProperties(threads, queue, timeout, DataSize.ofMegabytes(100)));
    }
}
