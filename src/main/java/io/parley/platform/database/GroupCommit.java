package io.parley.platform.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: units of work submitted at the same time share one transaction and one commit, and each caller
 * returns only after that commit (ADR 0020). A unit that is alone runs alone, so nothing waits for company: batches
 * form only while the writers are busy, which is exactly when sharing a commit pays.
 *
 * <p>If any unit of a batch fails, or the commit does, the whole batch is rolled back and every unit runs again in
 * a transaction of its own, so a bad unit fails only its own caller. Units must therefore be idempotent (re-running
 * one whose first run was rolled back, or whose commit outcome is unknown, changes nothing twice) and must keep
 * their side effects inside the transaction.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int ATTEMPTS_ALONE = 4;

    private record Pending<T>(Supplier<T> unit, CompletableFuture<T> result, Map<String, String> logContext) {}

    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate transactions;
    private final int maxBatch;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean open = true;

    /**
     * @param writers  transactions in flight at once (each holds one connection while it runs)
     * @param maxBatch the most units one transaction takes
     */
    public GroupCommit(String name, TransactionTemplate transactions, int writers, int maxBatch) {
        if (writers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("writers and maxBatch must be at least 1");
        }
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
        this.maxBatch = maxBatch;
        for (int i = 0; i < writers; i++) {
            Thread writer =
                    Thread.ofPlatform().name(name + "-writer-" + i).daemon().unstarted(this::write);
            this.writers.add(writer);
            writer.start();
        }
    }

    /** Runs {@code unit} in a transaction shared with concurrent units; returns its result once committed. */
    public <T> T execute(Supplier<T> unit) {
        Pending<T> pending = new Pending<>(unit, new CompletableFuture<>(), MDC.getCopyOfContextMap());
        if (!open) {
            throw new IllegalStateException("Shutting down: not accepting work");
        }
        queue.add(pending);
        // close() may have raced with the add: whatever the writers will no longer take is refused here.
        if (!open && queue.remove(pending)) {
            throw new IllegalStateException("Shutting down: not accepting work");
        }
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the commit", e);
        }
    }

    private void write() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (open || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                // run() completes every future itself; this only keeps the writer alive after a bug.
                log.error("Group commit writer failed; its batch was failed", t);
                batch.forEach(p -> p.result().completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Pending<?>> batch) {
        if (batch.size() == 1) {
            runAlone(batch.getFirst());
            return;
        }
        List<Object> results = new ArrayList<>(batch.size());
        try {
            transactions.executeWithoutResult(status -> batch.forEach(p -> results.add(call(p))));
        } catch (RuntimeException e) {
            log.debug("A batch of {} failed ({}); running its units one by one", batch.size(), e.toString());
            batch.forEach(this::runAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    /**
     * Runs one unit in its own transaction. A deadlock or lock timeout with another transaction (two batches that
     * touch the same rows in another order, e.g. a status storm's reports about one message) is not the unit's fault:
     * it runs again, a few times, after a short random pause; only what still fails reaches its caller.
     */
    private <T> void runAlone(Pending<T> pending) {
        for (int attempt = 1; ; attempt++) {
            try {
                pending.result().complete(transactions.execute(status -> call(pending)));
                return;
            } catch (ConcurrencyFailureException e) {
                if (attempt >= ATTEMPTS_ALONE) {
                    pending.result().completeExceptionally(e);
                    return;
                }
                log.debug(
                        "A unit lost a lock conflict ({}); running it again",
                        e.getClass().getSimpleName());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(
                        ThreadLocalRandom.current().nextLong(1, 20)));
            } catch (Throwable t) {
                pending.result().completeExceptionally(t);
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result) {
        pending.result().complete((T) result);
    }

    private static <T> T call(Pending<T> pending) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        setContext(pending.logContext());
        try {
            return pending.unit().get();
        } finally {
            setContext(previous);
        }
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /** Units waiting for a writer. */
    int queued() {
        return queue.size();
    }

    /** Stops taking work; what is queued is still written. */
    @Override
    public void close() {
        open = false;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
