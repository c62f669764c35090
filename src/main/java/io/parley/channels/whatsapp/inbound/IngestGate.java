package io.parley.channels.whatsapp.inbound;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many webhooks are stored at once. Past that, a request waits briefly and is then answered 503 with
 * Retry-After, so Meta retries later. Without it an overloaded node lets every request wait for a database
 * connection, spends its CPU on queueing and timeouts, and serves fewer webhooks the more it receives.
 */
final class IngestGate {
    private final Semaphore permits;
    private final long waitMillis;

    IngestGate(int concurrency, long waitMillis) {
        this.permits = new Semaphore(concurrency);
        this.waitMillis = waitMillis;
    }

    boolean tryEnter() {
        try {
            return permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void exit() {
        permits.release();
    }
}
