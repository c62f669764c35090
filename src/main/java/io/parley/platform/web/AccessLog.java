package io.parley.platform.web;

import io.parley.platform.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One structured line per request on the {@code parley.access} logger: method, route, status, duration, with the
 * trace id and request id of the logging context. Never a body, a query string or a concrete path: the route is the
 * pattern Spring MVC matched ({@code /api/v1/chatbots/{botId}}), so ids, phone numbers and tokens a caller put in a
 * URL never reach the log. A request no route matched (refused before routing, or another servlet) is named by its
 * path with every segment that is not a plain lowercase word replaced by {@code {}}.
 */
@Component
class AccessLog {
    static final String LOGGER = "parley.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_SEGMENTS = 8;

    void write(
            HttpServletRequest request,
            HttpServletResponse response,
            boolean failed,
            long startedNanos,
            String traceId,
            String requestId) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
        String route = route(request);
        try (LogContext ignored = LogContext.open().trace(traceId).request(requestId)) {
            log.atInfo()
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("route", route)
                    .addKeyValue("status", status)
                    .addKeyValue("durationMs", millis)
                    .log("{} {} {} {} ms", request.getMethod(), route, status, millis);
        }
    }

    static String route(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern;
        }
        return masked(request.getRequestURI());
    }

    static String masked(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder route = new StringBuilder();
        String[] segments = path.split("/", -1);
        int written = 0;
        for (int i = 1; i < segments.length; i++) {
            if (written == MAX_SEGMENTS) {
                return route.append("/…").toString();
            }
            String segment = segments[i];
            route.append('/').append(WORD.matcher(segment).matches() || segment.isEmpty() ? segment : "{}");
            written++;
        }
        return route.isEmpty() ? "/" : route.toString();
    }
}
