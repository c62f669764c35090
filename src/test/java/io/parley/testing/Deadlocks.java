package io.parley.testing;

import org.springframework.dao.PessimisticLockingFailureException;

/** Test clean-up that races running delivery jobs for the same rows: a deadlock is retried, not a test failure. */
public final class Deadlocks {
    private Deadlocks() {}

    public static void retry(Runnable cleanup) {
        for (int attempt = 1; ; attempt++) {
            try {
                cleanup.run();
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
