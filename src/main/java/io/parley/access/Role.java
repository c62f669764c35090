package io.parley.access;

import io.parley.platform.InvalidRequestException;
import java.util.Locale;

/**
 * What a member of an organization may do, strongest first: an owner manages everything including other owners,
 * an admin manages configuration (chatbots, keys, users, tools, knowledge, alert sinks), an agent works
 * conversations. The operator stands above all roles and all organizations.
 */
public enum Role {
    OWNER,
    ADMIN,
    AGENT;

    /** True when this role grants at least what {@code required} grants. */
    public boolean atLeast(Role required) {
        return ordinal() <= required.ordinal();
    }

    /** The name on the wire: {@code owner}, {@code admin}, {@code agent}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; anything else is a 400 naming {@code field}. */
    public static Role parse(String field, String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new InvalidRequestException(
                "validation_failed", field + " must be one of owner, admin, agent", java.util.Map.of("field", field));
    }
}
