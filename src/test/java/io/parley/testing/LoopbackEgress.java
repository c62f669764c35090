package io.parley.testing;

import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.NameLookup;

/**
 * For tests that build an adapter without Spring: the egress client allowing what the Spring tests allow
 * ({@code parley.egress.allow=127.0.0.1,localhost}), where the WireMock fakes listen.
 */
public final class LoopbackEgress {
    private static final EgressHttp HTTP =
            new EgressHttp(EgressPolicy.allowing(NameLookup.SYSTEM, "127.0.0.1", "localhost"));

    private LoopbackEgress() {}

    public static EgressHttp http() {
        return HTTP;
    }
}
