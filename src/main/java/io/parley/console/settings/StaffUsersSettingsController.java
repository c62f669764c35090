package io.parley.console.settings;

import io.parley.access.AuditTrail;
import io.parley.access.Role;
import io.parley.access.StaffUser;
import io.parley.access.StaffUserChange;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.platform.ConflictException;
import io.parley.platform.ForbiddenException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.platform.ParleyException;
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
 * Staff users and their roles: list, create, change a role, disable or enable, remove. What a caller may do to whom
 * (an admin never creates or promotes an owner, an organization keeps an active owner) is the facade's decision;
 * a refusal is shown above the form, with what was typed (never the password) kept. The role selects offer only the
 * roles the signed-in person may grant; a user whose role they may not change shows it as text.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class StaffUsersSettingsController {
    static final List<String> ROLES = List.of("agent", "admin", "owner");
    private static final String ROUTE = "/console/settings/users";

    private final StaffUsers staffUsers;
    private final AuditTrail audit;

    StaffUsersSettingsController(StaffUsers staffUsers, AuditTrail audit) {
        this.staffUsers = staffUsers;
        this.audit = audit;
    }

    record NewUser(String email, String name, String role) {}

    @GetMapping(ROUTE)
    String list(@RequestParam(required = false) String done, HttpServletRequest request, Model model) {
        model.addAttribute("done", done);
        return page(ConsoleUser.of(request), new NewUser("", "", "agent"), model);
    }

    @PostMapping(ROUTE)
    String create(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        OrganizationId organization = me.requireOrganization();
        try {
            StaffUser user =
                    staffUsers.create(organization, email, name, Role.parse("role", role), password, me.caller());
            audited(me, "staff_user_created", ROUTE, user.id(), 201);
            return "redirect:" + ROUTE + "?done=created";
        } catch (ForbiddenException | InvalidRequestException | ConflictException e) {
            response.setStatus(status(e));
            model.addAttribute("problem", e.getMessage());
            return page(me, new NewUser(email, name, role), model);
        }
    }

    @PostMapping(ROUTE + "/{userId}/role")
    String changeRole(
            @PathVariable String userId,
            @RequestParam(defaultValue = "") String role,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        StaffUserId id = id(userId);
        try {
            staffUsers.update(
                    me.requireOrganization(),
                    id,
                    new StaffUserChange(null, Role.parse("role", role), null, null, null),
                    me.caller());
        } catch (ForbiddenException | InvalidRequestException | ConflictException e) {
            response.setStatus(status(e));
            model.addAttribute("problem", e.getMessage());
            return page(me, new NewUser("", "", "agent"), model);
        }
        audited(me, "staff_user_changed", ROUTE + "/{userId}/role", id, 200);
        return "redirect:" + ROUTE + "?done=role";
    }

    @PostMapping(ROUTE + "/{userId}/disabled")
    String setDisabled(
            @PathVariable String userId,
            @RequestParam(defaultValue = "true") boolean disabled,
            HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        StaffUserId id = id(userId);
        staffUsers.update(
                me.requireOrganization(), id, new StaffUserChange(null, null, null, disabled, null), me.caller());
        audited(me, disabled ? "staff_user_disabled" : "staff_user_enabled", ROUTE + "/{userId}/disabled", id, 200);
        return "redirect:" + ROUTE + "?done=" + (disabled ? "disabled" : "enabled");
    }

    @PostMapping(ROUTE + "/{userId}/delete")
    String delete(@PathVariable String userId, HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        StaffUserId id = id(userId);
        staffUsers.delete(me.requireOrganization(), id, me.caller());
        audited(me, "staff_user_removed", ROUTE + "/{userId}/delete", id, 200);
        return "redirect:" + ROUTE + "?done=removed";
    }

    private String page(ConsoleUser me, NewUser form, Model model) {
        model.addAttribute(
                "users",
                staffUsers.list(me.requireOrganization()).stream()
                        .map(StaffUserRow::new)
                        .toList());
        model.addAttribute("roles", grantable(me));
        model.addAttribute("form", form);
        model.addAttribute("section", "users");
        return "console/settings-users";
    }

    /** What the signed-in person may hand out: an owner every role, anyone else admin and agent (the facade checks). */
    static List<String> grantable(ConsoleUser me) {
        return me.owner() ? ROLES : List.of("agent", "admin");
    }

    private void audited(ConsoleUser me, String action, String route, StaffUserId user, int status) {
        audit.console(
                me.requireOrganization(),
                me.caller(),
                action,
                "POST",
                route,
                Map.of("userId", user.value().toString()),
                status);
    }

    private static StaffUserId id(String value) {
        return new StaffUserId(SettingsIds.parse(value, "staff_user"));
    }

    private static int status(ParleyException e) {
        return e instanceof ForbiddenException ? 403 : e instanceof ConflictException ? 409 : 400;
    }
}
