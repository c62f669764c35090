package io.parley.console.shell;

import io.parley.access.AuditTrail;
import io.parley.access.Caller;
import io.parley.access.LoginResult;
import io.parley.access.OperatorAuthentication;
import io.parley.access.StaffLogin;
import io.parley.platform.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in and sign-out. Staff sign in with email and password (the staff login, its throttle and audit); the
 * operator signs in with the admin token and then chooses an organization. The session token goes only into the
 * HttpOnly cookie; failed sign-ins say only that email or password was wrong.
 */
@Controller
class SignInController {
    private static final Duration OPERATOR_SESSION = Duration.ofHours(12);
    private static final String LOGIN_ROUTE = ConsoleSessionFilter.LOGIN;

    private final StaffLogin staffLogin;
    private final OperatorAuthentication authentication;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignInController(StaffLogin staffLogin, OperatorAuthentication authentication, AuditTrail audit, Clock clock) {
        this.staffLogin = staffLogin;
        this.authentication = authentication;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/console/login")
    String form(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("loginCsrf", loginCsrf(request, response));
        return "console/login";
    }

    @PostMapping("/console/login")
    String signIn(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (token != null && !token.isBlank()) {
            return operatorSignIn(token.strip(), request, response, model);
        }
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return refused(request, response, model, 400, "login.error.missing", email);
        }
        return switch (staffLogin.login(email, password, ClientAddress.of(request))) {
            case LoginResult.SignedIn in -> {
                audit.console(
                        in.user().organizationId(), Caller.of(in.user()), "login", "POST", LOGIN_ROUTE, Map.of(), 200);
                Duration age = Duration.between(clock.instant(), in.expiresAt());
                ConsoleCookies.write(request, response, ConsoleCookies.SESSION, in.token(), age);
                ConsoleCookies.clear(request, response, ConsoleCookies.LOGIN_CSRF);
                yield "redirect:/console";
            }
            case LoginResult.Rejected rejected -> {
                audit.console(
                        rejected.user() == null ? null : rejected.user().organizationId(),
                        rejected.user() == null ? null : Caller.of(rejected.user()),
                        "login_failed",
                        "POST",
                        LOGIN_ROUTE,
                        Map.of(),
                        401);
                yield refused(request, response, model, 401, "login.error.rejected", email);
            }
            case LoginResult.Throttled throttled -> {
                response.setHeader(
                        "Retry-After",
                        Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
                yield refused(request, response, model, 429, "login.error.throttled", email);
            }
        };
    }

    @PostMapping("/console/logout")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        ConsoleUser me = ConsoleUser.of(request);
        ConsoleCookies.read(request, ConsoleCookies.SESSION).ifPresent(staffLogin::logout);
        audit.console(me.organization(), me.caller(), "logout", "POST", "/console/logout", Map.of(), 200);
        ConsoleCookies.clear(request, response, ConsoleCookies.SESSION);
        ConsoleCookies.clear(request, response, ConsoleCookies.ORGANIZATION);
        return "redirect:/console/login?signedOut";
    }

    private String operatorSignIn(String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Caller> operator = authentication.authenticate(token).filter(Caller::operator);
        if (operator.isEmpty()) {
            audit.console(null, null, "login_failed", "POST", LOGIN_ROUTE, Map.of("kind", "operator"), 401);
            return refused(request, response, model, 401, "login.error.token", null);
        }
        audit.console(null, operator.get(), "login", "POST", LOGIN_ROUTE, Map.of("kind", "operator"), 200);
        ConsoleCookies.write(request, response, ConsoleCookies.SESSION, token, OPERATOR_SESSION);
        ConsoleCookies.clear(request, response, ConsoleCookies.LOGIN_CSRF);
        return "redirect:/console/organizations";
    }

    private String refused(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            int status,
            String messageKey,
            String email) {
        response.setStatus(status);
        model.addAttribute("loginCsrf", loginCsrf(request, response));
        model.addAttribute("error", messageKey);
        model.addAttribute("email", email);
        return "console/login";
    }

    private String loginCsrf(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> existing = ConsoleCookies.read(request, ConsoleCookies.LOGIN_CSRF);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ConsoleCookies.write(request, response, ConsoleCookies.LOGIN_CSRF, value, Duration.ofHours(2));
        return value;
    }
}
