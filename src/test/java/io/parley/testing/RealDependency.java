package io.parley.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A test's real dependency (Redis, Chromium and chromedriver, npx). On a developer's machine a missing one skips the
 * test; in CI ({@code CI=true}) it fails it, since a skipped test there hides what it should show. {@code .ci/run}
 * installs or starts them first.
 */
public final class RealDependency {
    private RealDependency() {}

    /** Goes on when {@code present}; otherwise skips the test, or fails it when {@code CI=true}. */
    public static void require(boolean present, String what) {
        require(present, what, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static void require(boolean present, String what, boolean inCi) {
        if (present) {
            return;
        }
        if (inCi) {
            fail(what + " is missing and CI=true: a test that needs it must run, not be skipped (.ci/run provides it)");
        }
        abort(what + " is missing; skipped (with CI=true this fails)");
    }
}
