package io.parley.platform;

import java.util.UUID;

public record OrganizationId(UUID value) {
    public OrganizationId {
        Ids.requireValue(value, "OrganizationId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
