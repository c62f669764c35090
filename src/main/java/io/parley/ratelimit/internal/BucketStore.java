package io.parley.ratelimit.internal;

/** Token buckets by key, each refilling {@code perHour} tokens per hour up to {@code perHour}. */
public interface BucketStore {
    /** Takes one token from the key's bucket; false when it is empty. */
    boolean tryConsume(String key, long perHour);
}
