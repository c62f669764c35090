package io.parley.console.shell;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The console's cookies: the session ({@code parley_console}: the staff session token, or the operator's token),
 * the operator's chosen organization and the sign-in form's CSRF value. All HttpOnly, SameSite=Lax, path
 * {@code /console}, and Secure when the request came over HTTPS (directly or as a proxy says in
 * {@code X-Forwarded-Proto}).
 */
final class ConsoleCookies {
    static final String SESSION = "parley_console";
    static final String ORGANIZATION = "parley_console_org";
    static final String LOGIN_CSRF = "parley_console_login";
    private static final String PATH = "/console";

    private ConsoleCookies() {}

    static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(c -> name.equals(c.getName()))
                .map(Cookie::getValue)
                .filter(v -> !v.isBlank() && v.length() <= 512)
                .findFirst();
    }

    static void write(
            HttpServletRequest request, HttpServletResponse response, String name, String value, Duration age) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(name, value)
                        .path(PATH)
                        .httpOnly(true)
                        .secure(secure(request))
                        .sameSite("Lax")
                        .maxAge(age)
                        .build()
                        .toString());
    }

    static void clear(HttpServletRequest request, HttpServletResponse response, String name) {
        write(request, response, name, "", Duration.ZERO);
    }

    private static boolean secure(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
