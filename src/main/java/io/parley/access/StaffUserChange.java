package io.parley.access;

/** A partial update of a staff user: null fields stay as they are; an empty {@code phone} removes it. */
public record StaffUserChange(String name, Role role, String password, Boolean disabled, String phone) {
    @Override
    public String toString() {
        return "StaffUserChange[name=" + name + ", role=" + role + ", password=" + (password == null ? null : "…")
                + ", disabled=" + disabled + ", phone=" + (phone == null ? null : "…") + "]";
    }
}
