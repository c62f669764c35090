package io.parley.console.shell;

import io.parley.access.Caller;
import io.parley.access.Role;
import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who is signed in to the console, and in which organization they work: a staff user in their own, the operator in
 * the organization chosen in the switcher (null until one is chosen). Pages read it with {@link #of}.
 *
 * @param caller       the caller every facade call is made as
 * @param organization the organization every page is scoped to; null for an operator who has not chosen one
 * @param name         how the header names the person
 * @param csrfToken    the token every form and htmx request of this session must carry
 */
public record ConsoleUser(Caller caller, OrganizationId organization, String name, String csrfToken) {
    static final String ATTRIBUTE = ConsoleUser.class.getName();

    public boolean operator() {
        return caller.operator();
    }

    /** True for the operator and for members whose role grants at least {@code role}. */
    public boolean atLeast(Role role) {
        return caller.hasAtLeast(role);
    }

    public boolean admin() {
        return atLeast(Role.ADMIN);
    }

    public boolean owner() {
        return atLeast(Role.OWNER);
    }

    /** The value of the body's {@code hx-headers}: every htmx request of the page carries the CSRF token. */
    public String hxHeaders() {
        return "{\"" + ConsoleCsrf.HEADER + "\":\"" + csrfToken + "\"}";
    }

    /** The role's name for the header: {@code operator}, {@code owner}, {@code admin} or {@code agent}. */
    public String roleName() {
        return operator() ? "operator" : caller.role().wireName();
    }

    /** The organization every page is scoped to; an operator without one is sent to the switcher. */
    public OrganizationId requireOrganization() {
        if (organization == null) {
            throw new NoOrganizationChosenException();
        }
        return organization;
    }

    public static ConsoleUser of(HttpServletRequest request) {
        return Optional.ofNullable((ConsoleUser) request.getAttribute(ATTRIBUTE))
                .orElseThrow(() -> new IllegalStateException("No console user on " + request.getRequestURI()));
    }

    /** An operator opened a page of an organization before choosing one. */
    public static final class NoOrganizationChosenException extends RuntimeException {
        NoOrganizationChosenException() {
            super("Choose an organization first");
        }
    }
}
