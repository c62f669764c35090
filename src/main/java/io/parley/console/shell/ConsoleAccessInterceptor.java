package io.parley.console.shell;

import io.parley.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Checks {@link ConsoleAccess} before a console handler runs. */
@Component
class ConsoleAccessInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getAttribute(ConsoleUser.ATTRIBUTE) == null) {
            return true;
        }
        ConsoleAccess onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), ConsoleAccess.class);
        ConsoleAccess declared = onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ConsoleAccess.class);
        Role least = declared == null ? Role.AGENT : declared.value();
        if (!ConsoleUser.of(request).atLeast(least)) {
            throw new ConsoleForbiddenException("This part of the console needs the " + least.wireName() + " role");
        }
        return true;
    }
}
