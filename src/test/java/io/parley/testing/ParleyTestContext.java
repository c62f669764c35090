package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Gives each Spring test context its own database, data directory and the shared WireMock fakes. */
public class ParleyTestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String ADMIN_TOKEN = "test-admin-token";
    /** A fixed master key (base64 of 32 bytes) so encrypted columns can be inspected in tests. */
    public static final String MASTER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "parley-test",
                            Map.of(
                                    "parley.db.url", TestDatabases.fresh(),
                                    "parley.data-dir",
                                            Files.createTempDirectory("parley-test-data")
                                                    .toString(),
                                    "parley.admin-token", ADMIN_TOKEN,
                                    "parley.master-key", MASTER_KEY,
                                    "parley.whatsapp.graph-url", Fakes.graphUrl(),
                                    "parley.stripe.api-url", Fakes.stripeUrl(),
                                    "parley.telegram.api-url", Fakes.telegramUrl())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
