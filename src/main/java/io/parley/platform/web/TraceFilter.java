package io.parley.platform.web;

import io.parley.platform.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id (the caller's {@code X-Trace-Id} or W3C {@code traceparent} when well-formed,
 * else a new one), puts it in the logging context and echoes it in the response.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Trace-Id";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F-]{16,64}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceId = incomingTraceId(request);
        try (LogContext ignored = LogContext.open().trace(traceId)) {
            response.setHeader(HEADER, traceId);
            chain.doFilter(request, response);
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
}
