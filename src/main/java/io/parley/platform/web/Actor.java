package io.parley.platform.web;

import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is acting on an {@code /api/v1} request, set by the admin module's authentication filter: the operator,
 * an organization API key or a signed-in staff user. Any module can read it (to attribute usage to a key, to
 * stop an admin from minting an owner) without depending on the admin module.
 *
 * @param id             the API key id or staff user id; null for the operator
 * @param organizationId null for the operator
 * @param role           null for the operator, who stands above every role
 */
public record Actor(Type type, String id, OrganizationId organizationId, Role role) {
    public static final String ATTRIBUTE = Actor.class.getName();
    public static final Actor OPERATOR = new Actor(Type.OPERATOR, null, null, null);

    public enum Type {
        OPERATOR, API_KEY, USER;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Actor {
        Objects.requireNonNull(type, "type must not be null");
        if (type != Type.OPERATOR) {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(organizationId, "organizationId must not be null");
            Objects.requireNonNull(role, "role must not be null");
        }
    }

    public boolean operator() {
        return type == Type.OPERATOR;
    }

    /** True for the operator and for members whose role grants at least {@code required}. */
    public boolean hasAtLeast(Role required) {
        return operator() || role.atLeast(required);
    }

    /** How logs, audit rows and replays name this actor: {@code operator}, {@code api_key:<id>}, {@code user:<id>}. */
    public String label() {
        return operator() ? "operator" : type.wireName() + ":" + id;
    }

    public static Optional<Actor> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Actor actor ? Optional.of(actor) : Optional.empty();
    }

    /** The actor of the current request thread; empty outside a request or before authentication. */
    public static Optional<Actor> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null && attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                instanceof Actor actor ? Optional.of(actor) : Optional.empty();
    }
}
