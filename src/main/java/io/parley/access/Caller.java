package io.parley.access;

import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who presented a bearer token: the operator (every organization), an organization's API key or a signed-in staff
 * user, the last two with a role. The {@code /api/v1} authentication filter sets it on the request (read it with
 * {@link #of} or {@link #current}); the MCP filter hands it to the tools. Any module reads it to attribute usage to
 * a key, to stop an admin from minting an owner, or to scope a call to the caller's organization.
 *
 * @param id             the API key id or staff user id; null for the operator
 * @param organizationId null for the operator
 * @param role           null for the operator, who stands above every role
 */
public record Caller(Type type, String id, OrganizationId organizationId, Role role) {
    public static final String ATTRIBUTE = Caller.class.getName();
    public static final Caller OPERATOR = new Caller(Type.OPERATOR, null, null, null);

    public enum Type {
        OPERATOR,
        API_KEY,
        USER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Caller {
        Objects.requireNonNull(type, "type must not be null");
        if (type != Type.OPERATOR) {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(organizationId, "organizationId must not be null");
            Objects.requireNonNull(role, "role must not be null");
        }
    }

    /** The caller an active API key authenticates as. */
    public static Caller of(ApiKey key) {
        return new Caller(Type.API_KEY, key.id().toString(), key.organizationId(), key.role());
    }

    /** The caller a staff user's session authenticates as. */
    public static Caller of(StaffUser user) {
        return new Caller(Type.USER, user.id().toString(), user.organizationId(), user.role());
    }

    public boolean operator() {
        return type == Type.OPERATOR;
    }

    /** True when this caller may see data of {@code organizationId}: the operator always, a member for its own. */
    public boolean canAccess(OrganizationId organizationId) {
        return operator() || this.organizationId.equals(organizationId);
    }

    /** True for the operator and for members whose role grants at least {@code required}. */
    public boolean hasAtLeast(Role required) {
        return operator() || role.atLeast(required);
    }

    /** How logs, audit rows and replays name this caller: {@code operator}, {@code api_key:<id>}, {@code user:<id>}. */
    public String label() {
        return operator() ? "operator" : type.wireName() + ":" + id;
    }

    /** The API key this caller presented; empty for the operator and staff users. */
    public Optional<ApiKeyId> apiKeyId() {
        return type == Type.API_KEY ? Optional.of(new ApiKeyId(UUID.fromString(id))) : Optional.empty();
    }

    /** The signed-in staff user; empty for the operator and API keys. */
    public Optional<StaffUserId> staffUserId() {
        return type == Type.USER ? Optional.of(new StaffUserId(UUID.fromString(id))) : Optional.empty();
    }

    public static Optional<Caller> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    /** The caller of the current request thread; empty outside a request or before authentication. */
    public static Optional<Caller> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null
                        && attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Caller caller
                ? Optional.of(caller)
                : Optional.empty();
    }
}
