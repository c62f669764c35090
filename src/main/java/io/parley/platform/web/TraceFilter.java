package io.parley.platform.web;

import io.parley.platform.LogContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id (the caller's {@code X-Trace-Id} or W3C {@code traceparent} when well-formed,
 * else a new one) and a request id (the caller's {@code X-Request-ID} when it is 1–128 safe characters, else a new
 * one), puts both in the logging context, echoes both in the response, and writes the request's access-log line
 * when it ends ({@link AccessLog}; for an asynchronous request, when the asynchronous part completes).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Trace-Id";
    static final String REQUEST_ID_HEADER = "X-Request-ID";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F-]{16,64}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    /** Letters, digits and {@code . _ : = + / @ -}: enough for UUIDs, ULIDs and vendor formats, nothing to escape. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:=+/@-]{1,128}");

    private final AccessLog accessLog;

    TraceFilter(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String traceId = incomingTraceId(request);
        String requestId = incomingRequestId(request);
        boolean failed = true;
        try (LogContext ignored = LogContext.open().trace(traceId).request(requestId)) {
            response.setHeader(HEADER, traceId);
            response.setHeader(REQUEST_ID_HEADER, requestId);
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (!failed && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new LogWhenComplete(started, traceId, requestId));
            } else {
                accessLog.write(request, response, failed, started, traceId, requestId);
            }
        }
    }

    private static String incomingTraceId(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && TRACE_ID.matcher(header).matches()) {
            return header;
        }
        String parent = request.getHeader("traceparent");
        if (parent != null) {
            var matcher = TRACEPARENT.matcher(parent);
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        return LogContext.newTraceId();
    }

    static String incomingRequestId(HttpServletRequest request) {
        String header = request.getHeader(REQUEST_ID_HEADER);
        return header != null && REQUEST_ID.matcher(header).matches()
                ? header
                : UUID.randomUUID().toString();
    }

    /** A streamed answer (SSE) is logged once it ends, with its final status and whole duration. */
    private final class LogWhenComplete implements AsyncListener {
        private final long started;
        private final String traceId;
        private final String requestId;

        LogWhenComplete(long started, String traceId, String requestId) {
            this.started = started;
            this.traceId = traceId;
            this.requestId = requestId;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            accessLog.write(
                    (HttpServletRequest) event.getSuppliedRequest(),
                    (HttpServletResponse) event.getSuppliedResponse(),
                    false,
                    started,
                    traceId,
                    requestId);
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
