package io.parley.access.internal;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.access.StaffUser;
import io.parley.access.StaffUserChange;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff users of an organization, managed by its admins (owners by owners). Passwords go in, never out. */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/users")
class StaffUserController {
    private final StaffUsers users;

    StaffUserController(StaffUsers users) {
        this.users = users;
    }

    record CreateUser(String email, String name, String role, String password, String phone) {
        @Override
        public String toString() {
            return "CreateUser[email=…, role=" + role + "]";
        }
    }

    record UpdateUser(String name, String role, String password, Boolean disabled, String phone) {
        @Override
        public String toString() {
            return "UpdateUser[role=" + role + ", disabled=" + disabled + "]";
        }
    }

    record UserView(
            UUID id,
            UUID organizationId,
            String email,
            String name,
            String role,
            boolean disabled,
            String phone,
            Instant createdAt,
            Instant updatedAt) {
        static UserView of(StaffUser u) {
            return new UserView(
                    u.id().value(),
                    u.organizationId().value(),
                    u.email(),
                    u.name(),
                    u.role().wireName(),
                    u.disabled(),
                    u.phone(),
                    u.createdAt(),
                    u.updatedAt());
        }
    }

    @PostMapping
    ResponseEntity<UserView> create(@PathVariable String orgId, @RequestBody CreateUser request) {
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        StaffUser user = users.create(
                organization(orgId),
                request.email(),
                request.name(),
                Role.parse("role", request.role()),
                request.password(),
                request.phone(),
                actor());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/users/" + user.id()))
                .body(UserView.of(user));
    }

    @GetMapping
    List<UserView> list(@PathVariable String orgId) {
        return users.list(organization(orgId)).stream().map(UserView::of).toList();
    }

    @PatchMapping("/{userId}")
    UserView update(@PathVariable String orgId, @PathVariable String userId, @RequestBody UpdateUser request) {
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        Role role = request.role() == null ? null : Role.parse("role", request.role());
        return UserView.of(users.update(
                organization(orgId),
                user(userId),
                new StaffUserChange(request.name(), role, request.password(), request.disabled(), request.phone()),
                actor()));
    }

    @DeleteMapping("/{userId}")
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String userId) {
        users.delete(organization(orgId), user(userId), actor());
        return ResponseEntity.noContent().build();
    }

    private static Caller actor() {
        return Caller.current().orElse(null);
    }

    private static OrganizationId organization(String value) {
        return Ids.parse(value, "organization", OrganizationId::new);
    }

    private static StaffUserId user(String value) {
        return Ids.parse(value, "staff_user", StaffUserId::new);
    }
}
