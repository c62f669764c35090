package io.parley.channels.client;

import io.parley.access.BearerAuth;
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
 * CORS for {@code /client/v1}: a preflight is answered for any origin (which channel a request is for is only known
 * from its key, and a preflight carries none); the request itself then meets its channel's {@code allowedOrigins}
 * ({@code 403 origin_not_allowed}, {@link ClientAuth}). No credentials (cookies) are ever allowed: the key is a
 * header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ClientCors extends OncePerRequestFilter {
    static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, Accept, X-Conversation-Token, Last-Event-ID, " + "X-Request-ID";
    static final String EXPOSED_HEADERS = "Retry-After, Location, X-Request-ID";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BearerAuth.isUnder(request, "/client/v1");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin.strip());
        response.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        chain.doFilter(request, response);
    }
}
