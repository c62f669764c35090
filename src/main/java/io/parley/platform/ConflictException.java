package io.parley.platform;

import java.util.Map;

public class ConflictException extends ParleyException {
    public ConflictException(String code, String message) {
        super(code, message, Map.of(), null);
    }

    public ConflictException(String code, String message, Map<String, Object> context) {
        super(code, message, context, null);
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
