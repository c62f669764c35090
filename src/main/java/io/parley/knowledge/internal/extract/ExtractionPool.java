package io.parley.knowledge.internal.extract;

import io.parley.platform.TransientException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Where untrusted bytes are parsed (documents, crawled pages): a fixed number of platform threads, a bounded queue,
 * and a time limit per document that starts when its parse starts (ADR 28).
 *
 * <p>Platform threads, not the virtual threads jobs and requests run on: a parse is CPU-bound, and a virtual thread
 * that computes is never preempted, so a few long parses would hold every carrier thread and no request would be
 * served. The operating system time-slices platform threads with everything else. The pool is fixed so that at most
 * {@code threads} hostile documents burn CPU and memory at once; room in it (threads + queue) is a semaphore, held
 * until the parse has really ended, so a parse that ignores its cancellation keeps its slot and cannot be joined by
 * more. At the time limit the caller gets a failure at once and the parse is interrupted; extractors check for the
 * interrupt between pages, rows, elements and PDF operators.
 */
@Component
@EnableConfigurationProperties(ExtractionProperties.class)
public class ExtractionPool implements DisposableBean {
    private final ThreadPoolExecutor executor;
    private final Semaphore room;
    private final Duration timeout;
    private final long maxExpandedBytes;

    ExtractionPool(ExtractionProperties properties) {
        int threads = properties.threadCount();
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("knowledge-extract-", 0).daemon(true).factory());
        this.room = new Semaphore(threads + properties.queue(), true);
        this.timeout = properties.timeout();
        this.maxExpandedBytes = properties.maxExpandedSize().toBytes();
    }

    /** No room in the pool (every thread busy and the queue full, or the server stopping): try again later. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("No room to parse documents right now", null, false, false);
        }
    }

    /** A source's sections; {@link Busy} at once when there is no room, so the job can free its thread meanwhile. */
    public Extractor.Extracted extract(byte[] content, String mediaType, String url) {
        try {
            if (!room.tryAcquire(0, TimeUnit.SECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return runAdmitted(() -> Extractor.extract(content, mediaType, url, maxExpandedBytes));
    }

    /** Runs one crawled page's work, first waiting for room (a crawl runs on a virtual thread: waiting is free). */
    public <T> T runWhenFree(Callable<T> work) {
        try {
            room.acquire();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return runAdmitted(work);
    }

    private <T> T runAdmitted(Callable<T> work) {
        Task<T> task = new Task<>(work);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            room.release();
            throw new Busy();
        }
        try {
            task.started.await();
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ExtractionException(
                    "Reading the document took longer than " + HumanUnits.duration(timeout)
                            + " (the limit for one document)",
                    null);
        } catch (InterruptedException e) {
            task.cancel(true);
            throw interrupted(e);
        } catch (CancellationException e) {
            throw new Busy();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof OutOfMemoryError) {
            // only this parse's allocations are lost; what it held is garbage now
            return new ExtractionException("Reading the document needed more memory than the server could give", cause);
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new ExtractionException(
                "The document could not be read (" + cause.getClass().getSimpleName() + ")", cause);
    }

    private static TransientException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new TransientException("extraction_interrupted", "Reading the document was interrupted", e);
    }

    @Override
    public void destroy() {
        for (Runnable waiting : executor.shutdownNow()) {
            if (waiting instanceof Task<?> task) {
                task.cancel(false);
                task.started.countDown();
            }
        }
    }

    /** Releases its room when it has really ended, also when it was cancelled before it started. */
    private final class Task<T> extends FutureTask<T> {
        private final CountDownLatch started = new CountDownLatch(1);

        Task(Callable<T> work) {
            super(work);
        }

        @Override
        public void run() {
            started.countDown();
            try {
                super.run();
            } finally {
                room.release();
            }
        }
    }
}
