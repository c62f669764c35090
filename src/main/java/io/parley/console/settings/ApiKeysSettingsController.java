package io.parley.console.settings;

import io.parley.access.ApiKeyId;
import io.parley.access.ApiKeys;
import io.parley.access.AuditTrail;
import io.parley.access.CreatedApiKey;
import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's API keys: list, create (the key is shown once, in the answer to the creating request, and never
 * again), revoke. Creating and revoking are written to the audit log.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class ApiKeysSettingsController {
    static final List<String> ROLES = List.of("admin", "agent");
    private static final String ROUTE = "/console/settings/api-keys";

    private final ApiKeys apiKeys;
    private final AuditTrail audit;

    ApiKeysSettingsController(ApiKeys apiKeys, AuditTrail audit) {
        this.apiKeys = apiKeys;
        this.audit = audit;
    }

    @GetMapping(ROUTE)
    String list(@RequestParam(required = false) String revoked, HttpServletRequest request, Model model) {
        model.addAttribute("revokedFlash", revoked != null);
        return page(ConsoleUser.of(request).requireOrganization(), model);
    }

    @PostMapping(ROUTE)
    String create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String role,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        OrganizationId organization = me.requireOrganization();
        if (!ROLES.contains(role)) {
            throw new InvalidRequestException("validation_failed", "role must be admin or agent");
        }
        CreatedApiKey created = apiKeys.create(organization, name, Role.parse("role", role));
        audit.console(
                organization,
                me.caller(),
                "api_key_created",
                "POST",
                ROUTE,
                Map.of("apiKeyId", created.apiKey().id().value().toString()),
                201);
        response.setStatus(201);
        model.addAttribute("created", created);
        return page(organization, model);
    }

    @PostMapping(ROUTE + "/{keyId}/revoke")
    String revoke(@PathVariable String keyId, HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        OrganizationId organization = me.requireOrganization();
        ApiKeyId id = new ApiKeyId(SettingsIds.parse(keyId, "api_key"));
        apiKeys.revoke(organization, id);
        audit.console(
                organization,
                me.caller(),
                "api_key_revoked",
                "POST",
                ROUTE + "/{keyId}/revoke",
                Map.of("apiKeyId", id.value().toString()),
                200);
        return "redirect:" + ROUTE + "?revoked";
    }

    private String page(OrganizationId organization, Model model) {
        model.addAttribute(
                "keys", apiKeys.list(organization).stream().map(ApiKeyRow::new).toList());
        model.addAttribute("roles", ROLES);
        model.addAttribute("section", "api-keys");
        return "console/settings-api-keys";
    }
}
