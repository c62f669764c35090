package io.parley.platform;

import java.util.Map;

/**
 * A service outside Parley that a client's request needed (Meta's Graph API on a template sync or a media upload)
 * failed or could not be reached. The request was fine and Parley did not fail, so this is a 422 naming the cause in
 * {@code reason}, never a 5xx; {@code retriable} still says whether the same request may work later.
 */
public class UpstreamException extends ParleyException {
    private final boolean retriable;

    public UpstreamException(
            String code, String message, boolean retriable, Map<String, Object> context, Throwable cause) {
        super(code, message, context, cause);
        this.retriable = retriable;
    }

    @Override
    public boolean retriable() {
        return retriable;
    }
}
