package io.parley.console.settings;

import io.parley.access.StaffUser;
import io.parley.console.operations.UtcTimes;

/** A staff user as the settings page lists them. */
public record StaffUserRow(StaffUser user) {
    public String id() {
        return user.id().value().toString();
    }

    public String role() {
        return user.role().wireName();
    }

    public String created() {
        return UtcTimes.format(user.createdAt());
    }
}
