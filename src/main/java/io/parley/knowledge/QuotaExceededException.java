package io.parley.knowledge;

import io.parley.platform.ParleyException;
import java.util.Map;

/** An organization reached one of its knowledge quotas (documents, urls, ingestions or storage). */
public class QuotaExceededException extends ParleyException {
    private final String quota;

    public QuotaExceededException(String quota, long current, long max) {
        super(
                "quota_exceeded",
                "The organization's knowledge quota for " + quota + " is exhausted (" + current + " of " + max + ")",
                Map.of("quota", quota, "current", current, "max", max),
                null);
        this.quota = quota;
    }

    public String quota() {
        return quota;
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
