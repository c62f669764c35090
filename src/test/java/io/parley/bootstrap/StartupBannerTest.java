package io.parley.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.access.AdminToken;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.PlatformProperties;
import io.parley.platform.PublicUrl;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.FallbackMessages;
import io.parley.tenancy.ModelSettings;
import io.parley.testing.PlatformSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class StartupBannerTest {
    @TempDir
    Path dataDir;

    private PlatformProperties embedded() {
        return PlatformSettings.embedded(dataDir);
    }

    private PlatformProperties external() {
        return PlatformSettings.external(dataDir);
    }

    @Test
    void should_print_the_sandbox_link_with_the_token_only_on_the_first_start() {
        AdminToken firstStart = new AdminToken(null, embedded());
        String generated = firstStart.generatedNow().orElseThrow();
        Chatbot demo = demoBot();

        String first = banner(firstStart, Optional.of(demo));
        String second = banner(new AdminToken(null, embedded()), Optional.of(demo));

        assertThat(first)
                .contains("https://parley.example.com/sandbox#token=" + generated)
                .contains("Demo chatbot: Parley Demo (" + demo.id() + ")")
                .contains("API reference:    https://parley.example.com/api/docs");
        assertThat(second)
                .contains("https://parley.example.com/sandbox")
                .doesNotContain("#token=")
                .doesNotContain(generated)
                .contains(AdminToken.HASH_FILE);
        assertThat(banner(new AdminToken("configured", external()), Optional.empty()))
                .doesNotContain("#token=")
                .doesNotContain("configured\n")
                .contains("PARLEY_ADMIN_TOKEN")
                .doesNotContain("Demo chatbot");
    }

    @Test
    void should_print_the_flow_demo_chatbot_with_a_sandbox_link_that_selects_it() {
        Chatbot demo = demoBot();
        Chatbot ink = bot("Ink & Needle Studio");

        String printed = banner(new AdminToken(null, embedded()), Optional.of(demo), Optional.of(ink));

        assertThat(printed)
                .contains("Demo chatbot: Parley Demo (" + demo.id() + ")")
                .contains("Flow demo chatbot: Ink & Needle Studio, try it at https://parley.example.com/sandbox?bot="
                        + ink.id());
        assertThat(banner(new AdminToken(null, embedded()), Optional.of(demo))).doesNotContain("Flow demo");
    }

    private String banner(AdminToken token, Optional<Chatbot> demo) {
        return banner(token, demo, Optional.empty());
    }

    private String banner(AdminToken token, Optional<Chatbot> demo, Optional<Chatbot> flowDemo) {
        PlatformProperties platform = token.configured() ? external() : embedded();
        StartupBanner banner = new StartupBanner(null, token, new PublicUrl(platform, new MockEnvironment()), platform);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        banner.print(new PrintStream(out, true, StandardCharsets.UTF_8), demo, flowDemo);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Chatbot demoBot() {
        return bot("Parley Demo");
    }

    private static Chatbot bot(String name) {
        return new Chatbot(
                new ChatbotId(UUID.randomUUID()),
                new OrganizationId(UUID.randomUUID()),
                name,
                "prompt",
                null,
                FallbackMessages.defaults(),
                new ModelSettings("offline", null, null, null, 0.7, null, null, 5, null),
                List.of(),
                Instant.now());
    }
}
