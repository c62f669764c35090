package io.parley.access.internal;

import io.parley.access.RouteAccess;
import io.parley.platform.web.CappedBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The path patterns of {@code @PublicEndpoint} routes, read once from Spring MVC's mappings, so the filter can let
 * a request without a token through to them (and only to them) before routing happens; and of the routes whose
 * bodies are capped before parsing (public ones and {@code @CappedBody} ones).
 */
@Component
class PublicRoutes {
    private final ObjectProvider<RequestMappingHandlerMapping> mapping;
    private volatile List<PathPattern> publicPatterns;
    private volatile List<PathPattern> cappedPatterns;

    PublicRoutes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    boolean matches(HttpServletRequest request) {
        List<PathPattern> known = publicPatterns;
        if (known == null) {
            known = patterns(PublicRoutes::isPublic);
            publicPatterns = known;
        }
        return matchesAny(known, request);
    }

    /** Whether the request is for a route whose body strangers write: it is capped before anything reads it. */
    boolean capsBody(HttpServletRequest request) {
        List<PathPattern> known = cappedPatterns;
        if (known == null) {
            known = patterns((info, handler) -> isPublic(info, handler)
                    || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), CappedBody.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), CappedBody.class));
            cappedPatterns = known;
        }
        return matchesAny(known, request);
    }

    private static boolean matchesAny(List<PathPattern> patterns, HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }

    private List<PathPattern> patterns(BiPredicate<RequestMappingInfo, HandlerMethod> selected) {
        Map<RequestMappingInfo, HandlerMethod> handlers = mapping.getObject().getHandlerMethods();
        return handlers.entrySet().stream()
                .filter(entry -> selected.test(entry.getKey(), entry.getValue()))
                .flatMap(entry -> entry.getKey().getPathPatternsCondition().getPatterns().stream())
                .toList();
    }

    private static boolean isPublic(RequestMappingInfo info, HandlerMethod handler) {
        return info.getMethodsCondition().getMethods().stream()
                .findFirst()
                .map(method -> RouteAccess.of(handler, method.name()) instanceof RouteAccess.Public)
                .orElse(RouteAccess.of(handler, "GET") instanceof RouteAccess.Public);
    }
}
