package io.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkPermitsTest {
    private final ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void stop() {
        gate.countDown();
        jobs.shutdownNow();
    }

    @Test
    void should_let_only_the_permitted_jobs_work_at_once_when_more_come() throws Exception {
        WorkPermits permits = new WorkPermits(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        List<Future<Integer>> running = IntStream.range(0, 5)
                .mapToObj(i -> jobs.submit(() -> permits.working(() -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    awaitGate();
                    inside.decrementAndGet();
                    return i;
                })))
                .toList();

        await().until(() -> permits.working() == 2 && permits.queued() == 3);
        gate.countDown();
        for (Future<Integer> job : running) {
            job.get();
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(permits.working()).isZero();
        assertThat(permits.queued()).isZero();
    }

    @Test
    void should_hand_the_permit_on_while_a_job_waits_and_take_it_back_before_new_jobs_start() throws Exception {
        WorkPermits permits = new WorkPermits(1);
        CountDownLatch modelAnswers = new CountDownLatch(1);
        CountDownLatch secondMayFinish = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();

        Future<?> first = jobs.submit(() -> permits.working(() -> {
            order.add("first works");
            WorkPermits.waiting(() -> {
                block(modelAnswers);
                return null;
            });
            order.add("first goes on");
            return null;
        }));
        await().until(() -> order.contains("first works") && permits.working() == 0);
        Future<?> second = jobs.submit(() -> permits.working(() -> {
            order.add("second works");
            block(secondMayFinish);
            return null;
        }));
        await().until(() -> permits.working() == 1);
        Future<?> third = jobs.submit(() -> permits.working(() -> order.add("third works")));
        await().until(() -> permits.queued() == 1);
        modelAnswers.countDown();
        await().until(() -> permits.queued() == 2); // first, back from its wait, queues behind the second's permit
        secondMayFinish.countDown();

        first.get();
        second.get();
        third.get();
        assertThat(order).containsExactly("first works", "second works", "first goes on", "third works");
    }

    @Test
    void should_run_without_a_permit_when_the_caller_holds_none() {
        assertThat(WorkPermits.waiting(() -> "answered")).isEqualTo("answered");
    }

    private void awaitGate() {
        block(gate);
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
