package io.parley.admin.internal;

import io.parley.platform.web.BearerAuth;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Every {@code /api/v1} request needs {@code Authorization: Bearer <admin token>}; anything else is a 401 problem. */
@Component
class AdminAuthFilter extends OncePerRequestFilter {
    private final AdminToken token;
    private final JsonMapper json;

    AdminAuthFilter(AdminToken token, JsonMapper json) {
        this.token = token;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BearerAuth.isUnder(request, "/api/v1");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = BearerAuth.token(request.getHeader("Authorization"));
        if (token.matches(presented)) {
            chain.doFilter(request, response);
            return;
        }
        BearerAuth.challenge(response, json, presented);
    }
}
