package io.parley.access.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.access.AddressBudget;
import io.parley.access.BearerAuth;
import io.parley.access.FailureBudget;
import io.parley.platform.web.ClientAddress;
import io.parley.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-address limits in front of every route that authenticates ({@code /webhooks}, {@code /api/v1}, {@code /mcp},
 * {@code /client/v1}, {@code /actuator/prometheus}), before any of its work. An answer that refused authentication
 * (401, or 403 from the webhook's verify-token handshake) spends one of the address's failures; once they are spent,
 * everything the address sends there is 429 until the budget refills. Routes that take no credentials at all (login,
 * logout, the verification handshake, action links under {@code /a}, whose token is their only secret) are also
 * capped per address. Webhook deliveries (POST under {@code /webhooks})
 * are not refused up front: Meta sends every tenant's webhooks from the same few addresses, so one tenant's wrong app
 * secret must not make the others' deliveries wait. Their bad signatures spend the budget like any failure, and once
 * it is spent the route answers a delivery that fails verification with 429 instead of 401 ({@link FailureBudget});
 * one that verifies passes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class IngressGuard extends OncePerRequestFilter {
    /** Action links ({@code actionlinks}): a GET shows a page, a POST acts; both are public and capped. */
    private static final String ACTION_LINKS = "/a";

    private static final List<String> AUTHENTICATING =
            List.of("/webhooks", "/api/v1", "/mcp", "/client/v1", "/actuator/prometheus", ACTION_LINKS);

    private final AddressBudget limits;
    private final PublicRoutes publicRoutes;
    private final JsonMapper json;
    private final Counter refusedForFailures;
    private final Counter refusedPublic;

    IngressGuard(AddressBudget limits, PublicRoutes publicRoutes, JsonMapper json, MeterRegistry meters) {
        this.limits = limits;
        this.publicRoutes = publicRoutes;
        this.json = json;
        this.refusedForFailures = meters.counter("parley.ingress.refused", "reason", "auth_failures");
        this.refusedPublic = meters.counter("parley.ingress.refused", "reason", "public_rate");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return AUTHENTICATING.stream().noneMatch(root -> BearerAuth.isUnder(request, root));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = ClientAddress.of(request);
        Optional<Duration> spent = limits.failureBudgetSpent(address);
        if (spent.isPresent() && isWebhookDelivery(request)) {
            FailureBudget.markSpent(request, spent.get());
        } else if (spent.isPresent()) {
            refusedForFailures.increment();
            refuse(
                    response,
                    spent.get(),
                    "too_many_failed_attempts",
                    "Too many failed authentications from this address; retry later");
            return;
        }
        if (needsNoCredentials(request)) {
            Optional<Duration> wait = limits.tryPublicRequest(address);
            if (wait.isPresent()) {
                refusedPublic.increment();
                refuse(response, wait.get(), "too_many_requests", "Too many requests from this address; retry later");
                return;
            }
        }
        chain.doFilter(request, response);
        if (refusedAuthentication(request, response.getStatus())) {
            limits.authenticationFailed(address);
        }
    }

    private static boolean isWebhookDelivery(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && BearerAuth.isUnder(request, "/webhooks");
    }

    private boolean needsNoCredentials(HttpServletRequest request) {
        if (BearerAuth.isUnder(request, ACTION_LINKS)) {
            return true;
        }
        if (BearerAuth.isUnder(request, "/webhooks")) {
            return "GET".equals(request.getMethod());
        }
        return BearerAuth.isUnder(request, "/api/v1") && publicRoutes.matches(request);
    }

    private static boolean refusedAuthentication(HttpServletRequest request, int status) {
        return status == HttpStatus.UNAUTHORIZED.value()
                || status == HttpStatus.FORBIDDEN.value()
                        && "GET".equals(request.getMethod())
                        && BearerAuth.isUnder(request, "/webhooks");
    }

    private void refuse(HttpServletResponse response, Duration wait, String code, String detail) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(Problems.of(HttpStatus.TOO_MANY_REQUESTS, code, detail)));
    }
}
