package io.parley.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.parley.platform.PlatformProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The real failure: {@link SecretsConfiguration} started by Spring with the settings of each case, so the analyzer
 * sees the chain Spring builds around the key's exception (in the app it is deeper still, under the web server's
 * start; the analyzer finds its cause at any depth).
 */
class MasterKeyFailureAnalyzerTest {
    private static final String EXTERNAL_DB = "jdbc:postgresql://db.internal:5432/parley";

    @TempDir
    Path dataDir;

    @Test
    void should_say_how_to_generate_a_key_when_an_external_database_has_none() {
        FailureAnalysis analysis = analyze(start(null, EXTERNAL_DB));

        assertThat(analysis.getDescription()).contains("PARLEY_MASTER_KEY is not set", "PARLEY_DB_URL");
        assertThat(analysis.getAction()).contains("openssl rand -base64 32", "every node the same value");
    }

    @Test
    void should_name_what_is_wrong_with_the_key_when_it_is_not_a_key() {
        FailureAnalysis analysis = analyze(start("this is not base64!!", EXTERNAL_DB));

        assertThat(analysis.getDescription()).contains("not a usable key", "neither base64 nor a Tink JSON keyset");
        assertThat(analysis.getAction())
                .contains("32-byte key", "openssl rand -base64 32", "the key they were stored with");
    }

    @Test
    void should_name_the_keyset_file_when_the_embedded_keyset_cannot_be_read() throws Exception {
        Files.writeString(dataDir.resolve(MasterKeys.KEYSET_FILE), "{\"not\": \"a keyset\"}");

        FailureAnalysis analysis = analyze(start(null, null));

        assertThat(analysis.getDescription())
                .contains(dataDir.resolve(MasterKeys.KEYSET_FILE).toString());
        assertThat(analysis.getAction()).contains("restore it from a backup");
    }

    @Test
    void should_leave_other_failures_to_other_analyzers() {
        assertThat(new MasterKeyFailureAnalyzer().analyze(new BeanCreationException("secretBox", "no")))
                .isNull();
    }

    private Throwable start(String masterKey, String dbUrl) {
        PlatformProperties properties = new PlatformProperties(
                dataDir, masterKey, null, new PlatformProperties.Db(dbUrl, null, null, 20, Duration.ofSeconds(5)));
        Throwable failure = catchThrowable(() -> {
            try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
                context.registerBean(PlatformProperties.class, () -> properties);
                context.register(SecretsConfiguration.class);
                context.refresh();
                context.getBean(io.parley.platform.SecretBox.class);
            }
        });
        assertThat(failure).isInstanceOf(BeanCreationException.class).hasRootCauseInstanceOf(Exception.class);
        return failure;
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new MasterKeyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }
}
