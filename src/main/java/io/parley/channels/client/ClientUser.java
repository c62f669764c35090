package io.parley.channels.client;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who a client says is writing ({@code user} of the request), normalized: phone in E.164 with '+', email
 * case-folded. All fields optional.
 */
record ClientUser(String externalId, String phone, String email, String deviceId, String name, String userHash) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    static final ClientUser NONE = new ClientUser(null, null, null, null, null, null);

    /** True when only a device (or nothing) names the person: a guest (seed 000 §2.2). */
    boolean guest() {
        return externalId == null && phone == null && email == null;
    }

    static ClientUser read(Object value) {
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw Fields.invalid("user", "must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) raw;
        String externalId = text(user, "externalId", 128);
        String phone = text(user, "phone", 32);
        if (phone != null) {
            phone = phone.replaceAll("[\\s().-]", "");
            if (!E164.matcher(phone).matches()) {
                throw Fields.invalid("user.phone", "must be an E.164 number like +4915112345678");
            }
        }
        String email = text(user, "email", 128);
        if (email != null) {
            if (!EMAIL.matcher(email).matches()) {
                throw Fields.invalid("user.email", "must be an email address");
            }
            email = email.toLowerCase(Locale.ROOT);
        }
        String deviceId = text(user, "deviceId", 128);
        String name = text(user, "name", 200);
        String userHash = text(user, "userHash", 64);
        if (userHash != null && !HEX.matcher(userHash).matches()) {
            throw new io.parley.platform.UnauthorizedException(
                    "invalid_user_hash",
                    "user.userHash must be the hex HMAC-SHA256 of user.externalId with the channel's identity secret");
        }
        return new ClientUser(externalId, phone, email, deviceId, name, userHash);
    }

    private static String text(Map<String, Object> user, String field, int max) {
        Object value = user.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw Fields.invalid("user." + field, "must be a string");
        }
        String clean = MessageText.clean(text).strip();
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.codePointCount(0, clean.length()) > max) {
            throw Fields.invalid("user." + field, "must be at most " + max + " characters");
        }
        return clean;
    }

    /** The fields that make a request what it is (for {@code request_id_reused}); the name does not. */
    String fingerprint() {
        return String.join("\u0000", nz(externalId), nz(phone), nz(email), nz(deviceId));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
