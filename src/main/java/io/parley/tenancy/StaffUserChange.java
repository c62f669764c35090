package io.parley.tenancy;

import io.parley.platform.web.Role;

/** A partial update of a staff user: null fields stay as they are. */
public record StaffUserChange(String name, Role role, String password, Boolean disabled) {
    @Override
    public String toString() {
        return "StaffUserChange[name=" + name + ", role=" + role + ", password=" + (password == null ? null : "…")
                + ", disabled=" + disabled + "]";
    }
}
