package io.parley.access;

import io.parley.platform.OrganizationId;
import java.time.Instant;

/**
 * A person who signs in to an organization (the dashboard, the API with a session token). Never the password.
 *
 * @param phone their WhatsApp number in E.164 ({@code +4915…}) for test messages, or null
 */
public record StaffUser(
        StaffUserId id,
        OrganizationId organizationId,
        String email,
        String name,
        Role role,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt,
        String phone) {}
