package io.parley.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The {@link Caller} of an {@code /api/v1} request, as the authentication filter resolved it. */
public final class Callers {
    public static final String ATTRIBUTE = Callers.class.getName() + ".caller";

    private Callers() {
    }

    public static Optional<Caller> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }
}
