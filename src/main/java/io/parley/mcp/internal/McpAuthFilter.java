package io.parley.mcp.internal;

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
 * Every {@code /mcp} request needs {@code Authorization: Bearer <admin token | organization API key>}; without
 * one it is a 401 problem before the MCP transport sees it. Revoked keys fail on their next request.
 */
@Component
class McpAuthFilter extends OncePerRequestFilter {
    private final OperatorAuthentication authentication;
    private final JsonMapper json;

    McpAuthFilter(OperatorAuthentication authentication, JsonMapper json) {
        this.authentication = authentication;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BearerAuth.isUnder(request, McpServerConfiguration.ENDPOINT);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = BearerAuth.token(request.getHeader("Authorization"));
        Optional<Caller> caller = authentication.authenticate(presented);
        if (caller.isPresent()) {
            request.setAttribute(McpCallers.ATTRIBUTE, caller.get());
            chain.doFilter(request, response);
            return;
        }
        BearerAuth.challenge(response, json, presented);
    }
}
