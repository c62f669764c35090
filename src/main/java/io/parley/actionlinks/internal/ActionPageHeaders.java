package io.parley.actionlinks.internal;

import io.parley.platform.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer under {@code /a} (pages, problems, the ingress guard's 429) is never stored, never indexed and never
 * sends the link on as a Referer. Its policy loads styles from Parley only and no script at all; forms may go to
 * Parley and to any https address, because browsers apply {@code form-action} to the redirect that answers the
 * form (Chrome and Safari block a 303 to Stripe Checkout under {@code form-action 'self'}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ActionPageHeaders extends OncePerRequestFilter {
    static final String ROOT = "/a";
    static final String POLICY =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' https:;"
                    + " base-uri 'none'; frame-ancestors 'none'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.isUnder(request, ROOT);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
