package io.parley.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.parley.platform.SecretBox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    private static final String KEY =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final String CONTEXT = "channel_accounts.access_token:8d0c5a4e-0000-4000-8000-000000000001";

    @TempDir
    Path dataDir;

    private static SecretBox external(String key) {
        return new TinkSecretBox(MasterKeys.load(key, false, Path.of("/nonexistent")));
    }

    private SecretBox embedded() {
        return new TinkSecretBox(MasterKeys.load(null, true, dataDir));
    }

    @Test
    void should_open_what_it_sealed_when_the_context_is_the_same() {
        SecretBox box = external(KEY);

        byte[] sealed = box.seal("EAA-access-token-é", CONTEXT);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("EAA-access-token");
        assertThat(box.open(sealed, CONTEXT)).isEqualTo("EAA-access-token-é");
        assertThat(box.seal("EAA-access-token-é", CONTEXT)).isNotEqualTo(sealed);
    }

    @Test
    void should_refuse_to_open_when_the_context_differs() {
        SecretBox box = external(KEY);
        byte[] sealed = box.seal("secret", CONTEXT);

        assertThatThrownBy(() -> box.open(sealed, "channel_accounts.access_token:another-row"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("channel_accounts.access_token:another-row");
        assertThatThrownBy(() -> box.open(sealed, "channel_accounts.app_secret:8d0c5a4e-0000-4000-8000-000000000001"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_refuse_to_open_when_the_ciphertext_was_tampered_with() {
        SecretBox box = external(KEY);
        byte[] sealed = box.seal("secret", CONTEXT);

        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> box.open(tampered, CONTEXT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("altered");
        }
        byte[] truncated = java.util.Arrays.copyOf(sealed, sealed.length - 1);
        assertThatThrownBy(() -> box.open(truncated, CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_refuse_to_open_when_another_master_key_sealed_it() {
        byte[] sealed = external(KEY).seal("secret", CONTEXT);
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> external(otherKey).open(sealed, CONTEXT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key");
    }

    @Test
    void should_accept_a_base64_32_byte_key_with_surrounding_whitespace_when_configured() {
        byte[] sealed = external(KEY).seal("secret", CONTEXT);

        assertThat(external("  " + KEY + "\n").open(sealed, CONTEXT)).isEqualTo("secret");
    }

    @Test
    void should_reject_the_key_naming_PARLEY_MASTER_KEY_when_it_has_the_wrong_length() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> external(sixteenBytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PARLEY_MASTER_KEY")
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("16");
    }

    @Test
    void should_reject_the_key_naming_PARLEY_MASTER_KEY_when_it_is_not_base64() {
        assertThatThrownBy(() -> external("this is not base64!!"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PARLEY_MASTER_KEY")
                .hasMessageContaining("base64");
    }

    @Test
    void should_accept_a_tink_json_keyset_when_configured() throws Exception {
        AeadConfig.register();
        String keyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());

        SecretBox box = external(keyset);
        byte[] sealed = box.seal("secret", CONTEXT);

        assertThat(external(keyset).open(sealed, CONTEXT)).isEqualTo("secret");
        assertThatThrownBy(() -> external(KEY).open(sealed, CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_generate_a_private_keyset_once_and_reuse_it_when_embedded_without_a_key() throws Exception {
        byte[] sealed = embedded().seal("secret", CONTEXT);
        Path keyset = dataDir.resolve(MasterKeys.KEYSET_FILE);
        String written = Files.readString(keyset);

        assertThat(Files.getPosixFilePermissions(keyset)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        SecretBox afterRestart = embedded();

        assertThat(afterRestart.open(sealed, CONTEXT)).isEqualTo("secret");
        assertThat(Files.readString(keyset)).isEqualTo(written);
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(MasterKeys.KEYSET_FILE);
        }
    }

    @Test
    void should_use_the_configured_key_rather_than_a_keyset_file_when_embedded_with_a_key() {
        byte[] sealed = external(KEY).seal("secret", CONTEXT);

        assertThat(new TinkSecretBox(MasterKeys.load(KEY, true, dataDir)).open(sealed, CONTEXT))
                .isEqualTo("secret");
        assertThat(dataDir.resolve(MasterKeys.KEYSET_FILE)).doesNotExist();
    }

    @Test
    void should_fail_naming_PARLEY_MASTER_KEY_when_an_external_database_has_no_key() {
        assertThatThrownBy(() -> MasterKeys.load(null, false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PARLEY_MASTER_KEY");
        assertThatThrownBy(() -> MasterKeys.load("  ", false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PARLEY_MASTER_KEY");
        assertThat(dataDir.resolve(MasterKeys.KEYSET_FILE)).doesNotExist();
    }
}
