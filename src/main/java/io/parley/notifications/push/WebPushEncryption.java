package io.parley.notifications.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291 over the {@code aes128gcm} content coding of RFC 8188): one record, a new
 * sender key pair and salt per message. The result is the request body; the push service cannot read it, the browser
 * decrypts it with the subscription's private key and auth secret.
 */
final class WebPushEncryption {
    /** The record size written in the header; one record holds the whole message. */
    static final int RECORD_SIZE = 4096;
    /** 4096 minus the 86-byte header, the padding delimiter and the 16-byte tag. */
    static final int MAX_PLAINTEXT = 3993;

    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebPushEncryption() {}

    /** Encrypts {@code plaintext} for the subscription's public key and auth secret. */
    static byte[] encrypt(byte[] plaintext, ECPublicKey subscriber, byte[] authSecret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, subscriber, authSecret, P256.generate(), salt);
    }

    /** Encrypts with a given sender key pair and salt (the RFC's test vector fixes both). */
    static byte[] encrypt(byte[] plaintext, ECPublicKey subscriber, byte[] authSecret, KeyPair sender, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("A push message holds at most " + MAX_PLAINTEXT + " bytes");
        }
        try {
            byte[] senderPublic = P256.encode((ECPublicKey) sender.getPublic());
            byte[] subscriberPublic = P256.encode(subscriber);
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(sender.getPrivate());
            agreement.doPhase(subscriber, true);
            byte[] ecdhSecret = agreement.generateSecret();

            byte[] prkKey = hmac(authSecret, ecdhSecret);
            byte[] ikm = hmac(prkKey, concat(KEY_INFO, subscriberPublic, senderPublic, new byte[] {1}));
            byte[] prk = hmac(salt, ikm);
            byte[] cek = Arrays.copyOf(hmac(prk, CEK_INFO), 16);
            byte[] nonce = Arrays.copyOf(hmac(prk, NONCE_INFO), 12);

            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] ciphertext = cipher.doFinal(concat(plaintext, new byte[] {2})); // 0x02: the last record

            ByteBuffer body = ByteBuffer.allocate(16 + 4 + 1 + senderPublic.length + ciphertext.length);
            body.put(salt)
                    .putInt(RECORD_SIZE)
                    .put((byte) senderPublic.length)
                    .put(senderPublic)
                    .put(ciphertext);
            return body.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Web Push encryption failed", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
