package io.parley.console.settings;

import io.parley.access.AuditEntry;
import io.parley.access.AuditLogReader;
import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The organization's audit log, newest first, a page at a time ("older" continues before the last id shown). */
@Controller
@ConsoleAccess(Role.ADMIN)
class AuditSettingsController {
    static final int PAGE = 50;

    private final AuditLogReader auditLog;

    AuditSettingsController(AuditLogReader auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/console/settings/audit")
    String audit(@RequestParam(required = false) Long before, HttpServletRequest request, Model model) {
        List<AuditEntry> rows = auditLog.page(ConsoleUser.of(request).requireOrganization(), before, PAGE + 1);
        List<AuditRow> shown = rows.stream().limit(PAGE).map(AuditRow::new).toList();
        model.addAttribute("entries", shown);
        model.addAttribute("older", rows.size() > PAGE ? shown.getLast().entry().id() : null);
        model.addAttribute("paged", before != null);
        model.addAttribute("section", "audit");
        return "console/settings-audit";
    }
}
