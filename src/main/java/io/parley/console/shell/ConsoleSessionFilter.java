package io.parley.console.shell;

import io.parley.access.BearerAuth;
import io.parley.access.Caller;
import io.parley.access.OperatorAuthentication;
import io.parley.access.StaffLogin;
import io.parley.access.StaffUser;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication and CSRF for {@code /console}: the session cookie becomes a {@link ConsoleUser} on the request (a
 * staff user's session, or the operator's token with the organization chosen in the switcher; API keys do not sign
 * in here). Without a live session a page is redirected to the sign-in page (an htmx request gets
 * {@code HX-Redirect}). Every request that changes something must carry the session's CSRF token, as the
 * {@code _csrf} form field or the {@code X-CSRF-Token} header; without it the answer is 403 and nothing is done.
 * The sign-in form has its own double-submit token (a cookie and a field), since there is no session yet.
 */
@Component
class ConsoleSessionFilter extends OncePerRequestFilter {
    static final String LOGIN = "/console/login";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final StaffLogin staffLogin;
    private final OperatorAuthentication authentication;
    private final Organizations organizations;

    ConsoleSessionFilter(StaffLogin staffLogin, OperatorAuthentication authentication, Organizations organizations) {
        this.staffLogin = staffLogin;
        this.authentication = authentication;
        this.organizations = organizations;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BearerAuth.isUnder(request, "/console");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean unsafe = !SAFE.contains(request.getMethod());
        if (BearerAuth.isUnder(request, LOGIN)) {
            if (unsafe
                    && !ConsoleCsrf.matches(
                            ConsoleCookies.read(request, ConsoleCookies.LOGIN_CSRF)
                                    .orElse(null),
                            request.getParameter(ConsoleCsrf.FIELD))) {
                refuseForgery(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        Optional<String> token = ConsoleCookies.read(request, ConsoleCookies.SESSION);
        Optional<ConsoleUser> user = token.flatMap(t -> signedIn(request, t));
        if (user.isEmpty()) {
            token.ifPresent(t -> ConsoleCookies.clear(request, response, ConsoleCookies.SESSION));
            toSignIn(request, response);
            return;
        }
        if (unsafe && !ConsoleCsrf.matches(user.get().csrfToken(), presentedCsrf(request))) {
            refuseForgery(response);
            return;
        }
        request.setAttribute(ConsoleUser.ATTRIBUTE, user.get());
        request.setAttribute(Caller.ATTRIBUTE, user.get().caller());
        chain.doFilter(request, response);
    }

    private Optional<ConsoleUser> signedIn(HttpServletRequest request, String token) {
        String csrf = ConsoleCsrf.tokenFor(token);
        Optional<StaffUser> staff = staffLogin.authenticate(token);
        if (staff.isPresent()) {
            StaffUser u = staff.get();
            return Optional.of(new ConsoleUser(Caller.of(u), u.organizationId(), displayName(u), csrf));
        }
        return authentication
                .authenticate(token)
                .filter(Caller::operator)
                .map(operator -> new ConsoleUser(operator, chosenOrganization(request), "Operator", csrf));
    }

    private OrganizationId chosenOrganization(HttpServletRequest request) {
        return ConsoleCookies.read(request, ConsoleCookies.ORGANIZATION)
                .flatMap(ConsoleSessionFilter::uuid)
                .map(OrganizationId::new)
                .filter(id -> organizations.find(id).isPresent())
                .orElse(null);
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String displayName(StaffUser user) {
        return user.name() == null || user.name().isBlank() ? user.email() : user.name();
    }

    private static String presentedCsrf(HttpServletRequest request) {
        String header = request.getHeader(ConsoleCsrf.HEADER);
        return header != null ? header : request.getParameter(ConsoleCsrf.FIELD);
    }

    private static void toSignIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader("HX-Request") != null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("HX-Redirect", LOGIN);
            return;
        }
        if (SAFE.contains(request.getMethod())) {
            response.sendRedirect(LOGIN);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Your console session has ended; sign in again at " + LOGIN);
    }

    private static void refuseForgery(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter()
                .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused</title>"
                        + "<link rel=\"stylesheet\" href=\"/console-assets/console.css\"></head><body class=\"bare\">"
                        + "<main class=\"card narrow\" data-test=\"csrf-refused\"><h1>This form was refused</h1>"
                        + "<p>It did not carry this session's security token: it expired, or it was sent from"
                        + " another site. Nothing was changed.</p><p><a href=\"/console\">Back to the console</a>"
                        + "</p></main></body></html>");
    }
}
