package io.parley.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A Parley whose mail sender talks to a real SMTP server (GreenMail). The mail sender is configured at startup, so
 * the SMTP port must be known before the context starts: classes extending this get a Spring context of their own.
 * The port is chosen once per JVM (free at that moment) rather than fixed, so parallel builds on one machine do not
 * collide.
 */
@TestPropertySource(properties = "spring.mail.host=127.0.0.1")
public abstract class SmtpIntegrationTestSupport extends IntegrationTestSupport {
    protected static final int SMTP_PORT = freePort();

    @RegisterExtension
    protected static final GreenMailExtension smtp =
            new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
