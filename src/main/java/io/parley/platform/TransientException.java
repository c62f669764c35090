package io.parley.platform;

import java.util.Map;

/** A failure that may succeed when tried again later (a dependency is down, overloaded or slow). */
public class TransientException extends ParleyException {
    public TransientException(String code, String message, Throwable cause) {
        super(code, message, Map.of(), cause);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
