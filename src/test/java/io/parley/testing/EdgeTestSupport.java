package io.parley.testing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A Parley whose edge is configured as an operator would (not opened up for the shared test context): small
 * per-address budgets so a test reaches them in a few requests and the metrics switch on; the context's
 * {@link SettableClock} lets windows pass without waiting. Tests talk from addresses of their own ({@link Api#from}).
 */
@TestPropertySource(
        properties = {
            "parley.ratelimit.ingress.auth-failures-per-minute=" + EdgeTestSupport.AUTH_FAILURES_PER_MINUTE,
            "parley.ratelimit.ingress.public-per-minute=" + EdgeTestSupport.PUBLIC_PER_MINUTE,
            "parley.staff.max-failed-logins-per-address=" + EdgeTestSupport.FAILED_LOGINS_PER_ADDRESS,
            "parley.metrics.public=true"
        })
public abstract class EdgeTestSupport extends IntegrationTestSupport {
    public static final int AUTH_FAILURES_PER_MINUTE = 6;
    public static final int PUBLIC_PER_MINUTE = 20;
    public static final int FAILED_LOGINS_PER_ADDRESS = 4;

    @Autowired
    protected SettableClock clock;
}
