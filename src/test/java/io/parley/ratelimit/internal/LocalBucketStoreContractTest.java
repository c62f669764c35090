package io.parley.ratelimit.internal;

import java.time.Clock;

class LocalBucketStoreContractTest extends BucketStoreContract {
    @Override
    protected BucketStore newStore(Clock clock) {
        return new LocalBucketStore(clock);
    }
}
