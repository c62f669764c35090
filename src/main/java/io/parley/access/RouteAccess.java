package io.parley.access;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Who may call a route, read from its annotations: {@link PublicEndpoint}, {@link OperatorOnly} or a least
 * {@link Role}. A method's annotation wins over its controller's; without any, GET (and HEAD) need
 * {@link Role#AGENT} and other methods {@link Role#ADMIN}.
 */
public sealed interface RouteAccess permits RouteAccess.Public, RouteAccess.OperatorOnly, RouteAccess.Member {

    record Public() implements RouteAccess {}

    record OperatorOnly() implements RouteAccess {}

    record Member(Role least) implements RouteAccess {}

    static RouteAccess of(HandlerMethod handler, String httpMethod) {
        RouteAccess onMethod = declared(handler.getMethod());
        if (onMethod != null) {
            return onMethod;
        }
        RouteAccess onType = declared(handler.getBeanType());
        if (onType != null) {
            return onType;
        }
        return new Member("GET".equals(httpMethod) || "HEAD".equals(httpMethod) ? Role.AGENT : Role.ADMIN);
    }

    private static RouteAccess declared(java.lang.reflect.AnnotatedElement element) {
        if (AnnotatedElementUtils.hasAnnotation(element, PublicEndpoint.class)) {
            return new Public();
        }
        if (AnnotatedElementUtils.hasAnnotation(element, io.parley.access.OperatorOnly.class)) {
            return new OperatorOnly();
        }
        RequiresRole role = AnnotatedElementUtils.findMergedAnnotation(element, RequiresRole.class);
        return role == null ? null : new Member(role.value());
    }
}
