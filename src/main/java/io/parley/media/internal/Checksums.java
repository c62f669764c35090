package io.parley.media.internal;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/** Meta writes a file's sha256 in base64 in webhooks; some APIs use hex. Both are accepted, compared exactly. */
final class Checksums {
    private Checksums() {}

    static boolean matches(byte[] digest, String declared) {
        byte[] expected = decode(declared.strip());
        return expected != null && MessageDigest.isEqual(digest, expected);
    }

    private static byte[] decode(String declared) {
        try {
            if (declared.length() == 64 && declared.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return HexFormat.of().parseHex(declared);
            }
            String base64 = declared.replace('-', '+').replace('_', '/');
            return Base64.getDecoder()
                    .decode(base64.length() % 4 == 0 ? base64 : base64 + "=".repeat(4 - base64.length() % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
