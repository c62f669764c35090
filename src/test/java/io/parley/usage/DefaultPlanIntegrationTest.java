package io.parley.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.parley.testing.IntegrationTestSupport;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;

/** The server's default plan: validated at start. */
class DefaultPlanIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Environment environment;

    @Test
    void should_refuse_to_start_when_the_default_plan_is_not_a_plan() throws Exception {
        String[] args = Stream.of(
                        "--parley.db.url=" + environment.getProperty("parley.db.url"),
                        "--parley.master-key=" + environment.getProperty("parley.master-key"),
                        "--parley.admin-token=" + environment.getProperty("parley.admin-token"),
                        "--parley.data-dir=" + Files.createTempDirectory("parley-bad-plan"),
                        "--parley.demo.enabled=false",
                        "--server.port=0",
                        "--parley.db.pool-size=2",
                        "--parley.usage.default-plan=gold")
                .toArray(String[]::new);

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(io.parley.ParleyApplication.class)
                .run(args)
                .close());
        assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.usage.default-plan")
                .hasMessageContaining("'gold'")
                .hasMessageContaining("enterprise");
        // What the terminal shows instead of the stack trace.
        assertThat(new UnknownPlanFailureAnalyzer().analyze(failure).getAction())
                .contains("enterprise, free");
        assertThat(api.get("/ready").status()).isEqualTo(200);
    }
}
