package io.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.support.SpringFactoriesLoader;

class PortInUseFailureAnalyzerTest {
    @Test
    void should_name_the_port_and_the_PORT_setting_when_another_process_holds_the_port() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            // The real failure: Tomcat started on a taken port, wrapped as the application context wraps it.
            Throwable failure = new ApplicationContextException(
                    "Failed to start bean 'webServerStartStop'", (Exception) catchThrowable(() -> startTomcat(port)));

            FailureAnalysis analysis = new PortInUseFailureAnalyzer().analyze(failure);

            assertThat(analysis.getDescription()).contains("Port " + port + " is already in use");
            assertThat(analysis.getAction()).contains("PORT=8081 ./mvnw spring-boot:run", "lsof -i :" + port);
        }
    }

    @Test
    void should_be_registered_before_spring_boots_own_analysis_of_a_taken_port() {
        // As FailureAnalyzers loads them (those that need the bean factory are left out here).
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                        FailureAnalyzer.class,
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {}));
        AnnotationAwareOrderComparator.sort(analyzers);
        List<String> names = analyzers.stream()
                .map(analyzer -> analyzer.getClass().getName())
                .toList();

        assertThat(names)
                .containsSubsequence(
                        PortInUseFailureAnalyzer.class.getName(),
                        "org.springframework.boot.web.server.PortInUseFailureAnalyzer");
    }

    private static void startTomcat(int port) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(port);
        factory.setAddress(InetAddress.getLoopbackAddress());
        WebServer server = factory.getWebServer();
        try {
            server.start();
        } finally {
            server.stop();
        }
    }
}
