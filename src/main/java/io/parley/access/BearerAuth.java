package io.parley.access;

import io.parley.platform.web.Problems;
import io.parley.platform.web.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** What every bearer-token filter shares: reading the token, matching the protected path, the 401 answer. */
public final class BearerAuth {
    private BearerAuth() {}

    /** The token of an {@code Authorization: Bearer …} header value, or null. */
    public static String token(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
    }

    /** Whether the request is for {@code root} or below it, as {@link RequestPaths#isUnder} decides. */
    public static boolean isUnder(HttpServletRequest request, String root) {
        return RequestPaths.isUnder(request, root);
    }

    /** A 401 problem with {@code WWW-Authenticate: Bearer}, saying whether a token was missing or wrong. */
    public static void challenge(HttpServletResponse response, JsonMapper json, String presentedToken)
            throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(json.writeValueAsString(Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "unauthorized",
                        presentedToken == null ? "Missing bearer token" : "Invalid bearer token")));
    }
}
