package io.parley.access.internal;

import io.parley.access.BearerAuth;
import io.parley.access.Caller;
import io.parley.access.Role;
import io.parley.access.RouteAccess;
import io.parley.access.RouteRoot;
import io.parley.platform.ForbiddenException;
import io.parley.platform.Ids;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authorization for every {@code /api/v1} route, after routing (ADR 16). The organization a route touches comes
 * from its root path variables ({@code orgId}; {@code botId} via its chatbot; {@code conversationId} via its
 * conversation: each asked of the module that owns it through a {@link RouteRoot}). An organization's caller on another organization's resource gets the same 404 as for an unknown
 * id; a role below the route's gets 403; an operator-only route, or one whose organization cannot be determined,
 * gets 403 too (default deny). Nested ids ({@code sourceId}, {@code keyId}, ...) are scoped by the services.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {
    /** The organization the route touches, for the audit log. */
    static final String ORGANIZATION = AccessInterceptor.class.getName() + ".organization";
    /** The root variables besides {@code orgId}, in the order the audit log asks them for an organization. */
    static final List<String> ROOT_VARIABLES = List.of("botId", "conversationId");

    private final Map<String, RouteRoot> roots;
    private final JsonMapper json;

    AccessInterceptor(List<RouteRoot> roots, JsonMapper json) {
        this.roots = roots.stream().collect(Collectors.toUnmodifiableMap(RouteRoot::variable, Function.identity()));
        this.json = json;
    }

    /** The port that answers for a root variable; null when {@code variable} does not root a route. */
    RouteRoot root(String variable) {
        return roots.get(variable);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RouteAccess access = RouteAccess.of(method, request.getMethod());
        if (access instanceof RouteAccess.Public) {
            return true;
        }
        Caller caller = Caller.of(request).orElse(null);
        if (caller == null) {
            BearerAuth.challenge(response, json, null);
            return false;
        }
        if (caller.operator()) {
            return true;
        }
        if (access instanceof RouteAccess.OperatorOnly) {
            throw new ForbiddenException("Only the operator may call this route", Map.of("requiredRole", "operator"));
        }
        if (!scopedTo(caller.organizationId(), pathVariables(request))) {
            throw new ForbiddenException(
                    "This route is not scoped to an organization", Map.of("requiredRole", "operator"));
        }
        request.setAttribute(ORGANIZATION, caller.organizationId());
        Role least = ((RouteAccess.Member) access).least();
        if (!caller.role().atLeast(least)) {
            throw new ForbiddenException(
                    "This route needs the " + least.wireName() + " role", Map.of("requiredRole", least.wireName()));
        }
        return true;
    }

    /** True when every root variable names a resource of {@code organization} and there is at least one. */
    private boolean scopedTo(OrganizationId organization, Map<String, String> variables) {
        boolean anyRoot = false;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String value = variable.getValue();
            if ("orgId".equals(variable.getKey())) {
                OrganizationId id = Ids.parse(value, "organization", OrganizationId::new);
                if (!id.equals(organization)) {
                    // exactly what Organizations.get says for an id that does not exist
                    throw new NotFoundException("organization_not_found", "No organization with id '" + id + "'");
                }
            } else if (roots.containsKey(variable.getKey())) {
                roots.get(variable.getKey()).requireIn(organization, value);
            } else {
                continue;
            }
            anyRoot = true;
        }
        return anyRoot;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> pathVariables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }
}
