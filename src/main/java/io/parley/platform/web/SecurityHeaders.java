package io.parley.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser protections on every answer, set before anything else runs so that early refusals carry them too. Pages
 * (the sandbox) may load scripts, styles, images and API calls from Parley itself only, no inline code and no
 * plugins; they cannot be framed ({@code frame-ancestors 'none'}, and {@code X-Frame-Options: DENY} for old
 * browsers). Machine routes (API, MCP, webhooks, actuator) load nothing: their policy denies everything, so a
 * stored file served from the API (inbound media) cannot run as a page of Parley's origin. The API's reference page
 * (springdoc's Swagger UI: {@code /api/docs} redirects to {@code /api/swagger-ui/index.html}) is a page under
 * {@code /api}: it gets the page policy, its scripts and styles being files served by Parley itself, except that
 * Swagger UI sets inline style attributes (styles only: scripts stay {@code 'self'}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeaders extends OncePerRequestFilter {
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String REFERENCE_PAGE_POLICY =
            PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    static final String MACHINE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
    private static final List<String> MACHINE_ROOTS = List.of("/api", "/client", "/mcp", "/webhooks", "/actuator");
    private static final List<String> REFERENCE_PAGE = List.of("/api/docs", "/api/swagger-ui");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean machine = MACHINE_ROOTS.stream().anyMatch(root -> RequestPaths.isUnder(request, root));
        boolean reference = REFERENCE_PAGE.stream().anyMatch(root -> RequestPaths.isUnder(request, root));
        response.setHeader(
                "Content-Security-Policy", reference ? REFERENCE_PAGE_POLICY : machine ? MACHINE_POLICY : PAGE_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
