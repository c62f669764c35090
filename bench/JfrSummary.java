import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's CPU went, from a JFR recording: the share of execution samples whose stack contains a method
 * (inclusive time), for Parley's own methods and for the library entry points that usually matter (JDBC, the
 * connection pool, transactions, HTTP clients, JSON, logging). A flat profile ("hot methods") spreads a turn over
 * hundreds of small frames; inclusive shares show which step of the turn they belong to.
 *
 * java bench/JfrSummary.java target/bench-turn.jfr [top=60] [filter-prefix]
 */
public class JfrSummary {
    private static final List<String> LIBRARIES = List.of(
            "org.postgresql.jdbc.PgPreparedStatement.execute",
            "org.postgresql.jdbc.PgStatement.execute",
            "org.postgresql.jdbc.PgConnection.commit",
            "com.zaxxer.hikari.pool.HikariPool.getConnection",
            "com.zaxxer.hikari.pool.ProxyConnection.close",
            "org.springframework.transaction.support.TransactionTemplate.execute",
            "org.springframework.transaction.interceptor.TransactionInterceptor.invoke",
            "org.springframework.jdbc.core.simple.DefaultJdbcClient",
            "jdk.internal.net.http.HttpClientImpl.send",
            "java.net.http.HttpClient.send",
            "dev.langchain4j",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "tools.jackson.databind.ObjectMapper",
            "ch.qos.logback.classic.Logger",
            "org.apache.catalina.connector.CoyoteAdapter.service",
            "org.springframework.web.servlet.DispatcherServlet.doDispatch",
            "com.github.kagkarlsson.scheduler",
            "io.micrometer");

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String prefix = args.length > 2 ? args[2] : "io.parley.";
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                var thread = event.getThread("sampledThread");
                String name = thread == null ? "?" : thread.getJavaName();
                threads.merge(name == null ? "?" : name.replaceAll("\\d+", "#"), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    String type = frame.getMethod().getType().getName();
                    String method = type + "." + frame.getMethod().getName();
                    if (method.startsWith(prefix) && !type.contains("$$")) {
                        seen.add(method);
                    }
                    for (String library : LIBRARIES) {
                        if (method.startsWith(library)) {
                            seen.add("[lib] " + library);
                        }
                    }
                }
                seen.forEach(m -> inclusive.merge(m, 1, Integer::sum));
            }
        }
        int total = samples;
        System.out.printf("%d execution samples%n%nby thread:%n", total);
        threads.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
        System.out.printf("%ninclusive (share of samples whose stack contains the method):%n");
        inclusive.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }
}
