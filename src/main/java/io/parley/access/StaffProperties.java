package io.parley.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Staff sign-in ({@code parley.staff.*}).
 *
 * @param sessionLifetime  how long a session token from {@code POST /api/v1/auth/login} works (default 12 h)
 * @param maxFailedLogins  failed logins for one email within {@code failedLoginWindow} before further attempts get
 *                         429 (default 10)
 * @param failedLoginWindow the throttle's window (default 15 min)
 * @param maxFailedLoginsPerAddress failed logins from one source address (any emails) within {@code failedLoginWindow}
 *                         before further attempts from it get 429 (default 30)
 */
@ConfigurationProperties("parley.staff")
public record StaffProperties(
        Duration sessionLifetime,
        Integer maxFailedLogins,
        Duration failedLoginWindow,
        Integer maxFailedLoginsPerAddress) {
    public static final Duration DEFAULT_FAILED_LOGIN_WINDOW = Duration.ofMinutes(15);

    public StaffProperties {
        sessionLifetime = sessionLifetime == null ? Duration.ofHours(12) : sessionLifetime;
        maxFailedLogins = maxFailedLogins == null ? 10 : maxFailedLogins;
        failedLoginWindow = failedLoginWindow == null ? DEFAULT_FAILED_LOGIN_WINDOW : failedLoginWindow;
        maxFailedLoginsPerAddress = maxFailedLoginsPerAddress == null ? 30 : maxFailedLoginsPerAddress;
    }
}
