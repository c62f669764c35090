package io.parley.contacts;

import io.parley.platform.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who a client says the sender is, normalized and validated (seed 000 §2.2): {@code phone} in E.164 ('+' and 2 to
 * 15 digits; spaces, dashes, dots and parentheses are dropped), {@code email} case-folded (one '@', a dotted domain,
 * at most 128 characters), {@code deviceId} at most 128 and {@code externalId} at most 255 characters, {@code name}
 * at most 200. Blank values count as absent. A bad value is a 400 {@code validation_failed} naming the field.
 *
 * @param nativeIds channel-native identities (a web chat session, a WhatsApp user id), taken as they are
 */
public record IdentityClaims(
        String phone, String email, String deviceId, String externalId, String name, List<ContactIdentity> nativeIds) {
    static final int MAX_EMAIL = 128;
    static final int MAX_DEVICE = 128;
    static final int MAX_EXTERNAL = 255;
    static final int MAX_NAME = 200;
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{2,15}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().-]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    public IdentityClaims {
        phone = blankToNull(phone) == null ? null : phone(phone);
        email = blankToNull(email) == null ? null : email(email);
        deviceId = plain(deviceId, "deviceId", MAX_DEVICE);
        externalId = plain(externalId, "externalId", MAX_EXTERNAL);
        name = name(name);
        nativeIds = nativeIds == null ? List.of() : List.copyOf(nativeIds);
    }

    public IdentityClaims(String phone, String email, String deviceId, String externalId, String name) {
        this(phone, email, deviceId, externalId, name, List.of());
    }

    /** The identities in resolution order (phone, email, device, external, native). */
    public List<ContactIdentity> identities() {
        List<ContactIdentity> all = new ArrayList<>();
        if (phone != null) {
            all.add(new ContactIdentity(ContactIdentity.PHONE, phone));
        }
        if (email != null) {
            all.add(new ContactIdentity(ContactIdentity.EMAIL, email));
        }
        if (deviceId != null) {
            all.add(new ContactIdentity(ContactIdentity.DEVICE, deviceId));
        }
        if (externalId != null) {
            all.add(new ContactIdentity(ContactIdentity.EXTERNAL, externalId));
        }
        all.addAll(nativeIds);
        return List.copyOf(all);
    }

    public boolean isEmpty() {
        return identities().isEmpty();
    }

    /** {@code value} as E.164, or a 400 naming the field {@code phone}. */
    public static String phone(String value) {
        String compact =
                value == null ? "" : PHONE_PUNCTUATION.matcher(value.strip()).replaceAll("");
        if (!E164.matcher(compact).matches()) {
            throw invalid("phone", "must be an E.164 phone number: '+' and 2 to 15 digits");
        }
        return compact;
    }

    /** {@code value} case-folded, or a 400 naming the field {@code email}. */
    public static String email(String value) {
        String folded = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (folded.length() > MAX_EMAIL || !EMAIL.matcher(folded).matches()) {
            throw invalid("email", "must be an email address (name@domain) of at most " + MAX_EMAIL + " characters");
        }
        return folded;
    }

    private static String plain(String value, String field, int max) {
        String stripped = blankToNull(value);
        if (stripped == null) {
            return null;
        }
        if (stripped.length() > max || stripped.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "must be at most " + max + " characters without control characters");
        }
        return stripped;
    }

    private static String name(String value) {
        String stripped = blankToNull(value);
        if (stripped == null) {
            return null;
        }
        String clean = stripped.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (clean.length() > MAX_NAME) {
            throw invalid("name", "must be at most " + MAX_NAME + " characters");
        }
        return clean.isBlank() ? null : clean;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
