package io.parley.platform.egress;

/**
 * A short, fixed description of an HTTP status from a tenant-configured server. Errors shown to API callers use it
 * instead of the server's own words: a response body could be the answer of an internal service.
 */
public final class HttpStatuses {
    private HttpStatuses() {}

    /** E.g. "HTTP 404 (not found)". */
    public static String describe(int status) {
        return "HTTP " + status + " (" + classify(status) + ")";
    }

    static String classify(int status) {
        if (status >= 300 && status < 400) {
            return "a redirect, which is not followed";
        }
        return switch (status) {
            case 400 -> "bad request";
            case 401, 403 -> "credentials refused";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 408 -> "request timeout";
            case 413 -> "request too large";
            case 415 -> "unsupported content type";
            case 429 -> "rate limited";
            default ->
                status >= 500 && status < 600
                        ? "server error"
                        : status >= 400 && status < 500 ? "request refused" : "unexpected status";
        };
    }
}
