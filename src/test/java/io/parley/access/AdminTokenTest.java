package io.parley.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.PlatformProperties;
import io.parley.testing.PlatformSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dataDir;

    private PlatformProperties embedded() {
        return PlatformSettings.embedded(dataDir);
    }

    private PlatformProperties external() {
        return PlatformSettings.external(dataDir);
    }

    @Test
    void should_accept_only_the_configured_token_when_one_is_configured() {
        AdminToken token = new AdminToken("  s3cret-operator-token ", external());

        assertThat(token.matches("s3cret-operator-token")).isTrue();
        assertThat(token.matches("s3cret-operator-token2")).isFalse();
        assertThat(token.matches("S3CRET-OPERATOR-TOKEN")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.configured()).isTrue();
        assertThat(token.generatedNow()).isEmpty();
        assertThat(dataDir.resolve(AdminToken.HASH_FILE)).doesNotExist();
    }

    @Test
    void should_generate_a_token_and_keep_only_its_hash_when_embedded_without_a_token() throws Exception {
        AdminToken first = new AdminToken("", embedded());

        String generated = first.generatedNow().orElseThrow();
        Path file = dataDir.resolve(AdminToken.HASH_FILE);
        String stored = Files.readString(file);
        assertThat(generated).startsWith("prl_").hasSizeGreaterThan(40);
        assertThat(first.matches(generated)).isTrue();
        assertThat(first.configured()).isFalse();
        assertThat(stored).doesNotContain(generated).doesNotContain(generated.substring(4));
        assertThat(stored.trim())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(generated.getBytes(StandardCharsets.UTF_8))));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void should_accept_the_earlier_token_without_showing_it_again_when_restarted() {
        String generated = new AdminToken(null, embedded()).generatedNow().orElseThrow();

        AdminToken restarted = new AdminToken(null, embedded());

        assertThat(restarted.generatedNow()).isEmpty();
        assertThat(restarted.matches(generated)).isTrue();
        assertThat(restarted.matches("prl_somethingElse")).isFalse();
    }

    @Test
    void should_generate_different_tokens_when_the_data_directories_differ(@TempDir Path otherDir) {
        String one = new AdminToken(null, embedded()).generatedNow().orElseThrow();
        String two = new AdminToken(
                        null,
                        new PlatformProperties(
                                otherDir,
                                null,
                                null,
                                new PlatformProperties.Db(null, null, null, 20, java.time.Duration.ofSeconds(5))))
                .generatedNow()
                .orElseThrow();

        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void should_fail_naming_PARLEY_ADMIN_TOKEN_when_an_external_database_has_no_token() {
        assertThatThrownBy(() -> new AdminToken(null, external()))
                .isInstanceOf(AdminTokenMissingException.class)
                .hasMessageContaining("PARLEY_ADMIN_TOKEN");
        assertThatThrownBy(() -> new AdminToken("   ", external()))
                .isInstanceOf(AdminTokenMissingException.class)
                .hasMessageContaining("PARLEY_ADMIN_TOKEN");
        assertThat(dataDir.resolve(AdminToken.HASH_FILE)).doesNotExist();
    }
}
