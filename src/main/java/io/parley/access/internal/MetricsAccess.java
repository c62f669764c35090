package io.parley.access.internal;

import io.parley.access.BearerAuth;
import io.parley.access.Caller;
import io.parley.access.OperatorAuthentication;
import io.parley.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/prometheus} is the operator's: the whole installation's traffic, outcomes and internals. It
 * needs the admin token ({@code 401} without a valid token, {@code 403} for an organization's key or session) unless
 * {@code PARLEY_METRICS_PUBLIC=true} opens it, e.g. for a scraper on a private network that cannot send a token.
 * Health ({@code /live}, {@code /ready}, {@code /healthz}, {@code /actuator/health}) stays open.
 */
@Component
@EnableConfigurationProperties(MetricsAccess.Settings.class)
class MetricsAccess extends OncePerRequestFilter {
    static final String PATH = "/actuator/prometheus";

    /** @param open whether {@code /actuator/prometheus} answers without the admin token ({@code parley.metrics.public}) */
    @ConfigurationProperties("parley.metrics")
    record Settings(@Name("public") Boolean open) {
        Settings {
            open = open != null && open;
        }
    }

    private final OperatorAuthentication authentication;
    private final Settings settings;
    private final JsonMapper json;

    MetricsAccess(OperatorAuthentication authentication, Settings settings, JsonMapper json) {
        this.authentication = authentication;
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return settings.open() || !BearerAuth.isUnder(request, PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = BearerAuth.token(request.getHeader("Authorization"));
        Optional<Caller> caller = authentication.authenticate(presented);
        if (caller.isEmpty()) {
            BearerAuth.challenge(response, json, presented);
        } else if (caller.get().operator()) {
            chain.doFilter(request, response);
        } else {
            ProblemDetail problem =
                    Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Only the operator may read the metrics");
            problem.setProperty("requiredRole", "operator");
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(problem));
        }
    }
}
