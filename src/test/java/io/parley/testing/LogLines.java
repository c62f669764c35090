package io.parley.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The log lines of one logger (and its children) while open, with the logging context (MDC) and key-value pairs
 * they carried on the thread that logged them. Lines of other tests in the same context come too: filter by a
 * trace id of your own.
 */
public final class LogLines implements AutoCloseable {
    public record Line(String logger, String message, Map<String, String> context, Map<String, Object> values) {
        public String traceId() {
            return context.get("traceId");
        }
    }

    private final Logger logger;
    private final Capture capture = new Capture();

    private LogLines(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        capture.start();
        logger.addAppender(capture);
    }

    /** Captures {@code loggerName} ("io.parley" for all of Parley's own lines, "parley.access" for access lines). */
    public static LogLines capture(String loggerName) {
        return new LogLines(loggerName);
    }

    public List<Line> withTraceId(String traceId) {
        return all().stream().filter(line -> traceId.equals(line.traceId())).toList();
    }

    public List<Line> all() {
        synchronized (capture) {
            return List.copyOf(capture.lines);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(capture);
        capture.stop();
    }

    /** AppenderBase.doAppend is synchronized on the appender: reading under the same lock is safe. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        private final List<Line> lines = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            Map<String, Object> values = new LinkedHashMap<>();
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                pairs.forEach(pair -> values.put(pair.key, pair.value));
            }
            // The MDC is read now, on the logging thread; read later it would be the reader's.
            lines.add(new Line(
                    event.getLoggerName(), event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap()), values));
        }
    }
}
