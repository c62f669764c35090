package io.parley.mcp.internal;

import io.parley.admin.Caller;
import io.parley.admin.OperatorAuthentication;
import io.parley.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(path.equals(McpServerConfiguration.ENDPOINT) || path.startsWith(McpServerConfiguration.ENDPOINT + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Optional<Caller> caller = authentication.fromAuthorizationHeader(header);
        if (caller.isPresent()) {
            request.setAttribute(McpCallers.ATTRIBUTE, caller.get());
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                OperatorAuthentication.bearerToken(header) == null ? "Missing bearer token"
                        : "Invalid bearer token")));
    }
}
