package io.parley.platform;

/**
 * Encrypts credentials at rest. {@code context} binds a ciphertext to where it is stored (for example
 * {@code "channel_accounts.access_token:<id>"}), so a ciphertext copied to another row does not decrypt.
 */
public interface SecretBox {
    byte[] seal(String plaintext, String context);

    String open(byte[] ciphertext, String context);
}
