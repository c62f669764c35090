package io.parley;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ParleyApplication {
    public static void main(String[] args) {
        try {
            SpringApplication.run(ParleyApplication.class, args);
        } catch (SpringApplication.AbandonedRunException abandoned) {
            throw abandoned;
        } catch (RuntimeException failedStart) {
            // Spring Boot has already printed the failure (its analysis, or the stack trace). Exit instead of
            // returning: threads a library started before the failure (the MCP SDK's session sweeper is a
            // non-daemon thread no shutdown stops) would otherwise keep the JVM alive after the message.
            System.exit(1);
        }
    }
}
