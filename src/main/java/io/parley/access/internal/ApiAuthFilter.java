package io.parley.access.internal;

import io.parley.access.BearerAuth;
import io.parley.access.Caller;
import io.parley.access.OperatorAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication for {@code /api/v1}: the bearer token (operator token, organization API key or staff session)
 * becomes a {@link Caller} in the request; a missing or wrong token is a 401 problem, except on the few
 * {@code @PublicEndpoint} routes. What the caller may do is decided after routing, by {@link AccessInterceptor}.
 */
@Component
class ApiAuthFilter extends OncePerRequestFilter {
    private final OperatorAuthentication authentication;
    private final PublicRoutes publicRoutes;
    private final JsonMapper json;

    ApiAuthFilter(OperatorAuthentication authentication, PublicRoutes publicRoutes, JsonMapper json) {
        this.authentication = authentication;
        this.publicRoutes = publicRoutes;
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
        Optional<Caller> caller = authentication.authenticate(presented);
        if (caller.isPresent()) {
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
            chain.doFilter(request, response);
        } else if (publicRoutes.matches(request)) {
            chain.doFilter(request, response);
        } else {
            BearerAuth.challenge(response, json, presented);
        }
    }
}
