package io.parley.console.settings;

import io.parley.platform.NotFoundException;
import java.util.UUID;

/** Ids from settings URLs: a malformed one is as unknown as another organization's (the not-found page). */
final class SettingsIds {
    private SettingsIds() {}

    static UUID parse(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(
                    what + "_not_found", "No " + what.replace('_', ' ') + " with id '" + value + "'");
        }
    }
}
