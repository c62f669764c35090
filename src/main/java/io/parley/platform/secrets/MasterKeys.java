package io.parley.platform.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Where the master key comes from: {@code PARLEY_MASTER_KEY} (a base64 32-byte key, or a Tink JSON keyset),
 * or, in the embedded mode only, a keyset generated once into the data directory.
 */
final class MasterKeys {
    static final String KEYSET_FILE = "master.keyset.json";

    private MasterKeys() {}

    static Aead load(String configuredKey, boolean embedded, Path dataDir) {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not register Tink's AEAD primitives", e);
        }
        if (configuredKey != null && !configuredKey.isBlank()) {
            try {
                return fromConfigured(configuredKey.trim());
            } catch (GeneralSecurityException e) {
                throw MasterKeyException.unusable(e);
            }
        }
        if (!embedded) {
            throw MasterKeyException.missing();
        }
        Path keyset = dataDir.resolve(KEYSET_FILE);
        try {
            return fromKeysetFile(keyset);
        } catch (GeneralSecurityException | IOException e) {
            throw MasterKeyException.keysetUnreadable(keyset, e);
        }
    }

    private static Aead fromConfigured(String key) throws GeneralSecurityException {
        if (key.startsWith("{")) {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(key, InsecureSecretKeyAccess.get());
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("PARLEY_MASTER_KEY is neither base64 nor a Tink JSON keyset");
        }
        if (raw.length != 32) {
            throw new GeneralSecurityException("PARLEY_MASTER_KEY must decode to 32 bytes, got " + raw.length);
        }
        return new AesGcmJce(raw);
    }

    private static Aead fromKeysetFile(Path file) throws GeneralSecurityException, IOException {
        if (!Files.exists(file)) {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            io.parley.platform.PrivateFiles.writeNew(file, json);
        }
        String json = Files.readString(file, StandardCharsets.UTF_8);
        KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }
}
