package io.parley.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.parley.access.AdminToken;
import io.parley.testing.PlatformSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The exception AdminToken really throws on an external database without a token, as the start wraps it. */
class AdminTokenFailureAnalyzerTest {
    @TempDir
    Path dataDir;

    @Test
    void should_say_how_to_set_PARLEY_ADMIN_TOKEN_when_an_external_database_has_none() {
        Throwable thrown = catchThrowable(() -> new AdminToken(null, PlatformSettings.external(dataDir)));

        FailureAnalysis analysis = new AdminTokenFailureAnalyzer()
                .analyze(new BeanCreationException("adminToken", "Failed to instantiate", thrown));

        assertThat(analysis.getDescription()).contains("PARLEY_ADMIN_TOKEN is not set", "PARLEY_DB_URL");
        assertThat(analysis.getAction()).contains("export PARLEY_ADMIN_TOKEN=", "every node the same value");
    }

    @Test
    void should_leave_other_failures_to_other_analyzers() {
        assertThat(new AdminTokenFailureAnalyzer().analyze(new IllegalStateException("other")))
                .isNull();
    }
}
