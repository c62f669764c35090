package io.parley.console.shell;

import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The operator's organization switcher: the operator works in one organization at a time, chosen here. */
@Controller
class OrganizationSwitchController {
    private final Organizations organizations;

    OrganizationSwitchController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/console/organizations")
    String choose(HttpServletRequest request, Model model) {
        requireOperator(request);
        model.addAttribute("organizations", organizations.list());
        return "console/organizations";
    }

    @PostMapping("/console/organizations")
    String switchTo(
            @RequestParam("organizationId") String organizationId,
            HttpServletRequest request,
            HttpServletResponse response) {
        requireOperator(request);
        OrganizationId id = Ids.parse(organizationId, "organization", OrganizationId::new);
        organizations.get(id);
        ConsoleCookies.write(request, response, ConsoleCookies.ORGANIZATION, id.toString(), Duration.ofDays(30));
        return "redirect:/console";
    }

    private static void requireOperator(HttpServletRequest request) {
        if (!ConsoleUser.of(request).operator()) {
            throw new ConsoleForbiddenException("Only the operator switches organizations");
        }
    }
}
