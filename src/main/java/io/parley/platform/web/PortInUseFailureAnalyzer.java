package io.parley.platform.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/** Before Spring Boot's own: names Parley's {@code PORT} setting and how to find who holds the port. */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> implements Ordered {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        int port = cause.getPort();
        return new FailureAnalysis(
                "Port " + port + " is already in use by another process, so Parley's web server cannot listen on it. "
                        + "Is Parley already running in another terminal?",
                "Stop the process that listens on port " + port + " (find it with: ss -ltnp 'sport = :" + port
                        + "' or lsof -i :" + port + "), or start Parley on another port with the PORT variable, "
                        + "e.g. PORT=" + (port == 8081 ? 8082 : 8081) + " ./mvnw spring-boot:run or PORT="
                        + (port == 8081 ? 8082 : 8081) + " java -jar target/parley.jar.",
                cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
