package io.parley.notifications.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The browser's side of RFC 8291, written from the RFC for tests: decrypts a push message body. */
final class BrowserPush {
    private BrowserPush() {}

    static byte[] decrypt(byte[] body, KeyPair browser, byte[] authSecret) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        if (recordSize != 4096) {
            throw new AssertionError("record size " + recordSize);
        }
        byte[] senderPublic = new byte[in.get() & 0xff];
        in.get(senderPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(browser.getPrivate());
        agreement.doPhase(P256.publicKey(senderPublic).orElseThrow(), true);
        byte[] ecdh = agreement.generateSecret();
        byte[] browserPublic = P256.encode((ECPublicKey) browser.getPublic());
        byte[] prkKey = WebPushEncryption.hmac(authSecret, ecdh);
        byte[] info = join(
                "WebPush: info\0".getBytes(StandardCharsets.US_ASCII), browserPublic, senderPublic, new byte[] {1});
        byte[] prk = WebPushEncryption.hmac(salt, WebPushEncryption.hmac(prkKey, info));
        byte[] cek = Arrays.copyOf(
                WebPushEncryption.hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
        byte[] nonce = Arrays.copyOf(
                WebPushEncryption.hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new AssertionError("no last-record delimiter");
        }
        return Arrays.copyOf(padded, end);
    }

    static byte[] b64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    private static byte[] join(byte[]... parts) {
        ByteBuffer out =
                ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
