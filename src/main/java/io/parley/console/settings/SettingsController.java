package io.parley.console.settings;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The settings entry: its first section, API keys. */
@Controller
@ConsoleAccess(Role.ADMIN)
class SettingsController {
    @GetMapping("/console/settings")
    String settings() {
        return "redirect:/console/settings/api-keys";
    }
}
