package io.parley.platform;

import java.util.Map;

public class UnauthorizedException extends ParleyException {
    public UnauthorizedException(String code, String message) {
        super(code, message, Map.of(), null);
    }

    public UnauthorizedException(String code, String message, Map<String, Object> context) {
        super(code, message, context, null);
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
