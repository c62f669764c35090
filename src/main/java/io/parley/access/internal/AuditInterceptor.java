package io.parley.access.internal;

import io.parley.access.Caller;
import io.parley.access.RouteAccess;
import io.parley.access.RouteRoot;
import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes an audit row for every successful (2xx) change through {@code /api/v1} (POST, PUT, PATCH, DELETE): the
 * actor, the route pattern, the path variables, the status. Logins are audited by {@link AuthController}.
 */
@Component
class AuditInterceptor implements HandlerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog auditLog;
    private final AccessInterceptor access;

    AuditInterceptor(AuditLog auditLog, AccessInterceptor access) {
        this.auditLog = auditLog;
        this.access = access;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(handler instanceof HandlerMethod method)
                || !MUTATING.contains(request.getMethod())
                || response.getStatus() < 200
                || response.getStatus() > 299
                || RouteAccess.of(method, request.getMethod()) instanceof RouteAccess.Public) {
            return;
        }
        Optional<Caller> caller = Caller.of(request);
        Map<String, String> variables = AccessInterceptor.pathVariables(request);
        String route = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        try {
            auditLog.record(
                    organization(request, variables),
                    caller.orElse(null),
                    request.getMethod() + " " + route,
                    request.getMethod(),
                    route,
                    variables,
                    response.getStatus());
        } catch (RuntimeException e) {
            // The change is committed already; a lost audit row must be visible in the logs, not fail the answer.
            log.error("Could not write the audit row for {} {}", request.getMethod(), route, e);
        }
    }

    /** The organization the change touched: known for members, looked up from the path for the operator. */
    private OrganizationId organization(HttpServletRequest request, Map<String, String> variables) {
        if (request.getAttribute(AccessInterceptor.ORGANIZATION) instanceof OrganizationId known) {
            return known;
        }
        if (variables.containsKey("orgId")) {
            try {
                return new OrganizationId(UUID.fromString(variables.get("orgId")));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        for (String variable : AccessInterceptor.ROOT_VARIABLES) {
            RouteRoot root = access.root(variable);
            if (root != null && variables.containsKey(variable)) {
                return root.owner(variables.get(variable)).orElse(null);
            }
        }
        return null;
    }
}
