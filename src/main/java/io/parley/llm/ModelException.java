package io.parley.llm;

import io.parley.platform.ParleyException;
import java.util.Map;

/** A model call that did not produce a reply, classified once for every provider. */
public class ModelException extends ParleyException {
    public enum Kind {
        /** 429 or the provider's rate-limit error: try later, tell the user we are at a limit. */
        RATE_LIMITED(true, true),
        /** The account's quota or credit is used up (OpenAI {@code insufficient_quota}): a limit, not transient. */
        QUOTA_EXHAUSTED(false, true),
        /** 5xx, connection failures: try later. */
        UNAVAILABLE(true, false),
        /** No answer within the configured timeout. */
        TIMEOUT(true, false),
        /** 401/403: the credential is wrong or revoked; an operator must act. */
        AUTHENTICATION(false, false),
        /** Other 4xx: the request or configuration is wrong (unknown model, bad parameters). */
        INVALID_REQUEST(false, false),
        /**
         * Never sent: this node already had {@code parley.llm.max-in-flight} calls open to the server and none ended
         * within {@code parley.llm.max-in-flight-wait}. Try later (or on the fallback model, which has its own bound).
         */
        BUSY(true, false);

        private final boolean retriable;
        private final boolean limit;

        Kind(boolean retriable, boolean limit) {
            this.retriable = retriable;
            this.limit = limit;
        }
    }

    private final Kind kind;
    private final String provider;
    private final Integer httpStatus;

    public ModelException(Kind kind, String provider, Integer httpStatus, String message, Throwable cause) {
        super(
                "model_" + kind.name().toLowerCase(),
                message,
                httpStatus == null ? Map.of("provider", provider) : Map.of("provider", provider, "status", httpStatus),
                cause);
        this.kind = kind;
        this.provider = provider;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    public String provider() {
        return provider;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    /** True when the user should be told the assistant is at a usage limit rather than broken. */
    public boolean isLimit() {
        return kind.limit;
    }

    @Override
    public boolean retriable() {
        return kind.retriable;
    }
}
