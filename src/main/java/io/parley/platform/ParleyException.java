package io.parley.platform;

import java.util.Map;

/**
 * Root of Parley's exceptions. {@code code} is stable and machine-readable (it ends up in API problem
 * bodies and system events); {@code retriable} says whether trying the same thing again later can work.
 */
public abstract class ParleyException extends RuntimeException {
    private final String code;
    private final Map<String, Object> context;

    protected ParleyException(String code, String message, Map<String, Object> context, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.context = context == null ? Map.of() : Map.copyOf(context);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> context() {
        return context;
    }

    public abstract boolean retriable();
}
