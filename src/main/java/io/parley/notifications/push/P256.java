package io.parley.notifications.push;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * NIST P-256 keys as Web Push exchanges them: a public key is the 65-byte uncompressed point {@code 0x04 || x || y}
 * (a subscription's {@code p256dh}, the VAPID {@code k}), a private key its 32-byte scalar. Plain JDK crypto.
 */
final class P256 {
    static final int PUBLIC_KEY_LENGTH = 65;
    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final ECParameterSpec PARAMETERS = parameters();

    private P256() {}

    /** A new key pair from the JDK's strong random source. */
    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }

    /** The public key of a 65-byte uncompressed point, or empty when it is not one on the curve. */
    static Optional<ECPublicKey> publicKey(byte[] uncompressed) {
        if (uncompressed == null || uncompressed.length != PUBLIC_KEY_LENGTH || uncompressed[0] != 0x04) {
            return Optional.empty();
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        if (!onCurve(x, y)) {
            return Optional.empty();
        }
        try {
            return Optional.of((ECPublicKey)
                    KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** The private key of a 32-byte scalar. */
    static ECPrivateKey privateKey(byte[] scalar) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not a P-256 private key", e);
        }
    }

    /** The key pair of a stored scalar and its stored public point. */
    static KeyPair keyPair(byte[] scalar, byte[] uncompressed) {
        return new KeyPair(
                publicKey(uncompressed).orElseThrow(() -> new IllegalStateException("Not a P-256 public key")),
                privateKey(scalar));
    }

    /** The 65-byte uncompressed form of a public key. */
    static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[PUBLIC_KEY_LENGTH];
        out[0] = 0x04;
        copyUnsigned(key.getW().getAffineX(), out, 1);
        copyUnsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    /** The 32-byte scalar of a private key. */
    static byte[] encode(ECPrivateKey key) {
        byte[] out = new byte[32];
        copyUnsigned(key.getS(), out, 0);
        return out;
    }

    private static boolean onCurve(BigInteger x, BigInteger y) {
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        // y² = x³ − 3x + b (mod p)
        BigInteger left = y.multiply(y).mod(P);
        BigInteger right =
                x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
        return left.equals(right);
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }

    private static ECParameterSpec parameters() {
        try {
            var parameters = java.security.AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }
}
