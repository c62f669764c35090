package io.parley.platform;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Admission for the work a job does on this node, apart from its long waits (ADR 51). Jobs run on virtual threads,
 * thousands at once when they wait for remote servers; only a few should compute and use database connections at
 * the same time. On two cores a thread that holds a connection and becomes runnable waits behind every other
 * runnable thread, so a long run queue stretches every connection's hold time until the pool runs dry (and webhooks,
 * which share it, are answered 503).
 *
 * <p>A job does its work inside {@link #working}; a long wait inside it (a model call) goes through {@link #waiting},
 * which hands the caller's permit on for the wait and takes one again afterwards. A job coming back from its wait
 * goes before jobs that have not started: finishing what is under way frees more than starting something new.
 */
public final class WorkPermits {
    private static final ThreadLocal<WorkPermits> HELD = new ThreadLocal<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumers = lock.newCondition();
    private final Condition starters = lock.newCondition();
    private final int permits;
    private int available;
    private int resuming;
    private int starting;

    public WorkPermits(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        this.permits = permits;
        this.available = permits;
    }

    /**
     * Runs {@code work} holding a permit, waiting for one first (in arrival order, after every job that comes back
     * from a wait). Interrupted while waiting: the interrupt is kept and {@link IllegalStateException} thrown.
     */
    public <T> T working(Supplier<T> work) {
        if (HELD.get() != null) {
            return work.get(); // already inside: one permit per job
        }
        acquire(false);
        HELD.set(this);
        try {
            return work.get();
        } finally {
            HELD.remove();
            release();
        }
    }

    /**
     * Runs {@code call}, a long wait, without the permit the calling thread holds (if it holds one), and takes a
     * permit again before returning or throwing.
     */
    public static <T> T waiting(Supplier<T> call) {
        WorkPermits held = HELD.get();
        if (held == null) {
            return call.get();
        }
        HELD.remove();
        held.release();
        try {
            return call.get();
        } finally {
            held.acquire(true);
            HELD.set(held);
        }
    }

    /** Jobs holding a permit now. */
    public int working() {
        lock.lock();
        try {
            return permits - available;
        } finally {
            lock.unlock();
        }
    }

    /** Jobs waiting for a permit now: to start, or to go on after a wait. */
    public int queued() {
        lock.lock();
        try {
            return starting + resuming;
        } finally {
            lock.unlock();
        }
    }

    private void acquire(boolean resume) {
        lock.lock();
        try {
            if (resume) {
                resuming++;
                try {
                    while (available == 0) {
                        resumers.awaitUninterruptibly(); // the job must hold a permit again: its finally releases one
                    }
                } finally {
                    resuming--;
                }
            } else {
                starting++;
                try {
                    while (available == 0 || resuming > 0) {
                        starters.await();
                    }
                } catch (InterruptedException e) {
                    starting--;
                    signalNext(); // the signal this thread may have taken belongs to the next in line
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for a work permit", e);
                }
                starting--;
            }
            available--;
            signalNext(); // a permit left over goes to the next in line (a signal may have reached one waiter only)
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            available++;
            signalNext();
        } finally {
            lock.unlock();
        }
    }

    private void signalNext() {
        if (available == 0) {
            return;
        }
        if (resuming > 0) {
            resumers.signal();
        } else if (starting > 0) {
            starters.signal();
        }
    }
}
