package io.parley.admin.internal;

import io.parley.platform.web.RouteAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The path patterns of {@code @PublicEndpoint} routes, read once from Spring MVC's mappings, so the filter can let
 * a request without a token through to them (and only to them) before routing happens.
 */
@Component
class PublicRoutes {
    private final ObjectProvider<RequestMappingHandlerMapping> mapping;
    private volatile List<PathPattern> patterns;

    PublicRoutes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    boolean matches(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        PathContainer container = PathContainer.parsePath(path);
        return patterns().stream().anyMatch(pattern -> pattern.matches(container));
    }

    private List<PathPattern> patterns() {
        List<PathPattern> known = patterns;
        if (known == null) {
            known = mapping.getObject().getHandlerMethods().entrySet().stream()
                    .filter(entry -> isPublic(entry.getKey(), entry.getValue()))
                    .flatMap(entry -> entry.getKey().getPathPatternsCondition().getPatterns().stream())
                    .toList();
            patterns = known;
        }
        return known;
    }

    private static boolean isPublic(RequestMappingInfo info, HandlerMethod handler) {
        return info.getMethodsCondition().getMethods().stream().findFirst()
                .map(method -> RouteAccess.of(handler, method.name()) instanceof RouteAccess.Public)
                .orElse(RouteAccess.of(handler, "GET") instanceof RouteAccess.Public);
    }
}
