package io.parley.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Source addresses for {@link Api#from}: Linux answers on all of 127.0.0.0/8, so each test can be its own client. */
public final class LoopbackAddresses {
    private LoopbackAddresses() {}

    /** A random 127.x.y.z other than 127.0.0.1, which the rest of the test run uses. */
    public static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }
}
