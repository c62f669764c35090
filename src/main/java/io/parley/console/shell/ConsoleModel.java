package io.parley.console.shell;

import io.parley.tenancy.Organizations;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: who is signed in, their organization's name, the CSRF token. */
@ControllerAdvice(basePackages = "io.parley.console")
class ConsoleModel {
    private final Organizations organizations;

    ConsoleModel(Organizations organizations) {
        this.organizations = organizations;
    }

    @ModelAttribute("me")
    ConsoleUser me(HttpServletRequest request) {
        return (ConsoleUser) request.getAttribute(ConsoleUser.ATTRIBUTE);
    }

    @ModelAttribute("organizationName")
    String organizationName(HttpServletRequest request) {
        ConsoleUser me = me(request);
        if (me == null || me.organization() == null) {
            return null;
        }
        return organizations.find(me.organization()).map(o -> o.name()).orElse(null);
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
