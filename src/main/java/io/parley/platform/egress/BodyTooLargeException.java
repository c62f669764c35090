package io.parley.platform.egress;

import java.io.IOException;

/** A response body passed its limit while it was read; the connection was dropped there, not read to the end. */
public class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("The response is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
