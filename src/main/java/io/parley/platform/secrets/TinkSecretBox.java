package io.parley.platform.secrets;

import com.google.crypto.tink.Aead;
import io.parley.platform.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

final class TinkSecretBox implements SecretBox {
    private final Aead aead;

    TinkSecretBox(Aead aead) {
        this.aead = Objects.requireNonNull(aead, "aead");
    }

    @Override
    public byte[] seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret for " + context, e);
        }
    }

    @Override
    public String open(byte[] ciphertext, String context) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        try {
            return new String(aead.decrypt(ciphertext, associatedData(context)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Could not decrypt the secret for " + context
                            + ": the master key differs from the one it was encrypted with, or the data was altered",
                    e);
        }
    }

    private static byte[] associatedData(String context) {
        return Objects.requireNonNull(context, "context").getBytes(StandardCharsets.UTF_8);
    }
}
