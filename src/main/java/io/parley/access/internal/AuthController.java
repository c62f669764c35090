package io.parley.access.internal;

import io.parley.access.BearerAuth;
import io.parley.access.Caller;
import io.parley.access.LoginResult;
import io.parley.access.PublicEndpoint;
import io.parley.access.StaffLogin;
import io.parley.access.StaffUser;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.TooManyRequestsException;
import io.parley.platform.UnauthorizedException;
import io.parley.platform.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password login for staff users: a session token to use as a bearer token on {@code /api/v1}. Every login,
 * failed login and logout is audited (never the email or the password).
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {
    private static final String LOGIN_ROUTE = "/api/v1/auth/login";

    private final StaffLogin login;
    private final AuditLog auditLog;

    AuthController(StaffLogin login, AuditLog auditLog) {
        this.login = login;
        this.auditLog = auditLog;
    }

    record Credentials(String email, String password) {
        @Override
        public String toString() {
            return "Credentials[…]";
        }
    }

    record UserView(UUID id, UUID organizationId, String email, String name, String role) {
        static UserView of(StaffUser u) {
            return new UserView(
                    u.id().value(),
                    u.organizationId().value(),
                    u.email(),
                    u.name(),
                    u.role().wireName());
        }
    }

    record Session(String token, Instant expiresAt, UserView user) {
        @Override
        public String toString() {
            return "Session[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
        }
    }

    @PublicEndpoint
    @PostMapping("/login")
    Session login(@RequestBody Credentials credentials, HttpServletRequest request) {
        if (credentials == null || credentials.email() == null || credentials.password() == null) {
            throw new InvalidRequestException("validation_failed", "email and password are required");
        }
        return switch (login.login(credentials.email(), credentials.password(), ClientAddress.of(request))) {
            case LoginResult.SignedIn in -> {
                auditLog.record(
                        in.user().organizationId(), actor(in.user()), "login", "POST", LOGIN_ROUTE, Map.of(), 200);
                yield new Session(in.token(), in.expiresAt(), UserView.of(in.user()));
            }
            case LoginResult.Rejected rejected -> {
                StaffUser known = rejected.user();
                auditLog.record(
                        known == null ? null : known.organizationId(),
                        known == null ? null : actor(known),
                        "login_failed",
                        "POST",
                        LOGIN_ROUTE,
                        Map.of(),
                        401);
                throw new UnauthorizedException("invalid_credentials", "Wrong email or password");
            }
            case LoginResult.Throttled throttled -> {
                auditLog.record(null, null, "login_throttled", "POST", LOGIN_ROUTE, Map.of(), 429);
                throw new TooManyRequestsException(
                        "too_many_login_attempts",
                        "Too many failed logins for this email or from this address; try again later",
                        throttled.retryAfter());
            }
        };
    }

    /** Ends the presented session; answers 204 whether or not it was live. */
    @PublicEndpoint
    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        login.logout(BearerAuth.token(request.getHeader("Authorization")))
                .ifPresent(user -> auditLog.record(
                        user.organizationId(), actor(user), "logout", "POST", "/api/v1/auth/logout", Map.of(), 204));
        return ResponseEntity.noContent().build();
    }

    private static Caller actor(StaffUser user) {
        return Caller.of(user);
    }
}
