package io.parley.platform;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * The keys every log line of a request or job carries (CONVENTIONS §14). Use with try-with-resources so the
 * previous values come back when the scope ends.
 */
public final class LogContext implements AutoCloseable {
    public static final String TRACE_ID = "traceId";
    public static final String ORGANIZATION_ID = "organizationId";
    public static final String CONVERSATION_ID = "conversationId";
    public static final String CHANNEL = "channel";
    /** The caller's {@code X-Request-ID} (or one Parley made up), on every line of that request. */
    public static final String REQUEST_ID = "requestId";

    private static final String[] KEYS = {TRACE_ID, ORGANIZATION_ID, CONVERSATION_ID, CHANNEL, REQUEST_ID};

    private final String[] previous = new String[KEYS.length];

    private LogContext() {
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.get(KEYS[i]);
        }
    }

    public static LogContext open() {
        LogContext context = new LogContext();
        if (MDC.get(TRACE_ID) == null) {
            MDC.put(TRACE_ID, newTraceId());
        }
        return context;
    }

    public LogContext organization(Object organizationId) {
        return put(ORGANIZATION_ID, organizationId);
    }

    public LogContext conversation(Object conversationId) {
        return put(CONVERSATION_ID, conversationId);
    }

    public LogContext channel(Object channel) {
        return put(CHANNEL, channel);
    }

    /** Replaces the trace id, e.g. with the one stored with the message a job works on; null keeps the current. */
    public LogContext trace(String traceId) {
        return traceId == null ? this : put(TRACE_ID, traceId);
    }

    public LogContext request(String requestId) {
        return put(REQUEST_ID, requestId);
    }

    private LogContext put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
        return this;
    }

    public static String currentTraceId() {
        String id = MDC.get(TRACE_ID);
        return id == null ? newTraceId() : id;
    }

    /**
     * The trace id of the request or job this thread works for, or null outside one: what is stored with a row so
     * a later job can continue the trace ({@link #currentTraceId} would make up an id nobody logged).
     */
    public static String activeTraceId() {
        return MDC.get(TRACE_ID);
    }

    /** 128-bit hex, the W3C trace-id format, so it can be correlated with OTLP traces later. */
    public static String newTraceId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            if (previous[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], previous[i]);
            }
        }
    }
}
