package io.parley.access;

import io.parley.access.internal.Passwords;
import io.parley.access.internal.StaffSessionRepository;
import io.parley.access.internal.StaffUserRepository;
import io.parley.platform.ConflictException;
import io.parley.platform.ForbiddenException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff users of an organization with roles. Owners are special: only an owner (or the operator) creates,
 * changes or deletes an owner, and an organization never loses its last active owner (409).
 */
@Service
public class StaffUsers {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private final StaffUserRepository users;
    private final StaffSessionRepository sessions;
    private final KnownOrganizations organizations;
    private final Passwords passwords;
    private final Clock clock;

    StaffUsers(
            StaffUserRepository users,
            StaffSessionRepository sessions,
            KnownOrganizations organizations,
            Passwords passwords,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.organizations = organizations;
        this.passwords = passwords;
        this.clock = clock;
    }

    public StaffUser create(
            OrganizationId organizationId, String email, String name, Role role, String password, Caller actor) {
        return create(organizationId, email, name, role, password, null, actor);
    }

    /** Like {@link #create(OrganizationId, String, String, Role, String, Caller)} with a WhatsApp number (E.164). */
    public StaffUser create(
            OrganizationId organizationId,
            String email,
            String name,
            Role role,
            String password,
            String phone,
            Caller actor) {
        organizations.require(organizationId);
        requireOwnerFor(actor, role);
        String normalized = requireEmail(email);
        Instant now = clock.instant();
        StaffUser user = new StaffUser(
                new StaffUserId(UUID.randomUUID()),
                organizationId,
                normalized,
                Validation.requireText("name", name, 200),
                role,
                false,
                now,
                now,
                optionalPhone(phone));
        if (!users.insert(user, passwords.hash(requirePassword(password)))) {
            throw new ConflictException("email_taken", "A staff user with this email exists");
        }
        return user;
    }

    public List<StaffUser> list(OrganizationId organizationId) {
        organizations.require(organizationId);
        return users.list(organizationId);
    }

    public StaffUser get(OrganizationId organizationId, StaffUserId id) {
        return users.find(organizationId, id)
                .orElseThrow(() -> new NotFoundException("staff_user_not_found", "No staff user with id '" + id + "'"));
    }

    @Transactional
    public StaffUser update(OrganizationId organizationId, StaffUserId id, StaffUserChange change, Caller actor) {
        int owners = users.lockActiveOwners(organizationId);
        StaffUser current = get(organizationId, id);
        Role role = change.role() == null ? current.role() : change.role();
        boolean disabled = change.disabled() == null ? current.disabled() : change.disabled();
        if (current.role() == Role.OWNER || role == Role.OWNER) {
            requireOwnerFor(actor, Role.OWNER);
        }
        boolean losesOwner = current.role() == Role.OWNER && !current.disabled() && (role != Role.OWNER || disabled);
        if (losesOwner && owners <= 1) {
            throw lastOwner();
        }
        String hash = change.password() == null ? null : passwords.hash(requirePassword(change.password()));
        StaffUser updated = new StaffUser(
                current.id(),
                organizationId,
                current.email(),
                change.name() == null ? current.name() : Validation.requireText("name", change.name(), 200),
                role,
                disabled,
                current.createdAt(),
                clock.instant(),
                change.phone() == null ? current.phone() : optionalPhone(change.phone()));
        users.update(updated, hash);
        if (hash != null || disabled || role != current.role()) {
            sessions.revokeAllOf(id, clock.instant());
        }
        return updated;
    }

    @Transactional
    public void delete(OrganizationId organizationId, StaffUserId id, Caller actor) {
        int owners = users.lockActiveOwners(organizationId);
        StaffUser current = get(organizationId, id);
        if (current.role() == Role.OWNER) {
            requireOwnerFor(actor, Role.OWNER);
            if (!current.disabled() && owners <= 1) {
                throw lastOwner();
            }
        }
        users.delete(organizationId, id);
    }

    private static void requireOwnerFor(Caller actor, Role role) {
        if (role == Role.OWNER && (actor == null || !actor.hasAtLeast(Role.OWNER))) {
            throw new ForbiddenException(
                    "Only an owner may create, change or delete an owner", java.util.Map.of("requiredRole", "owner"));
        }
        if (actor != null && !actor.hasAtLeast(role)) {
            throw new ForbiddenException(
                    "Nobody can grant a role stronger than their own (" + role.wireName() + ")",
                    java.util.Map.of("requiredRole", role.wireName()));
        }
    }

    private static ConflictException lastOwner() {
        return new ConflictException("last_owner", "An organization keeps at least one active owner");
    }

    private static String requireEmail(String email) {
        String trimmed = Validation.requireText("email", email, 254);
        if (!EMAIL.matcher(trimmed).matches()) {
            throw Validation.invalid("email", "must be an email address");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** E.164 with its '+', spaces and dashes dropped; blank means none. */
    private static String optionalPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String compact = phone.replaceAll("[\\s\\-()]", "");
        if (!PHONE.matcher(compact).matches()) {
            throw Validation.invalid("phone", "must be a phone number in E.164 format, e.g. +4915123456789");
        }
        return compact;
    }

    private static String requirePassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < Passwords.MIN_LENGTH) {
            throw Validation.invalid("password", "must have at least " + Passwords.MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_BYTES) {
            throw Validation.invalid("password", "must be at most " + Passwords.MAX_BYTES + " bytes");
        }
        return password;
    }
}
