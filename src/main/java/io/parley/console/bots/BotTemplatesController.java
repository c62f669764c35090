package io.parley.console.bots;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.platform.InvalidRequestException;
import io.parley.templates.MessageTemplate;
import io.parley.templates.MessageTemplates;
import io.parley.templates.TemplateStatus;
import io.parley.templates.WindowTemplate;
import io.parley.templates.WindowTemplates;
import io.parley.tenancy.Chatbot;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A bot's message templates (those of its channels that send templates, with their review status), syncing them
 * from the provider, and the window template: which approved template is sent once a contact's window has closed.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class BotTemplatesController {
    private final BotScope scope;
    private final MessageTemplates templates;
    private final WindowTemplates windowTemplates;

    BotTemplatesController(BotScope scope, MessageTemplates templates, WindowTemplates windowTemplates) {
        this.scope = scope;
        this.templates = templates;
        this.windowTemplates = windowTemplates;
    }

    @GetMapping("/console/bots/{botId}/templates")
    String page(@PathVariable String botId, HttpServletRequest request, Model model) {
        Chatbot bot = scope.bot(request, botId, model, "templates");
        WindowTemplate current = windowTemplates.get(bot.id()).orElse(null);
        model.addAttribute("chosen", current == null ? "" : current.name() + "|" + current.language());
        model.addAttribute("parameters", current == null ? "" : String.join("\n", current.parameters()));
        model.addAttribute("synced", syncedCount(request.getParameter("synced")));
        model.addAttribute("cleared", request.getParameter("cleared") != null);
        return page(bot, model);
    }

    @PostMapping("/console/bots/{botId}/templates/sync")
    String sync(@PathVariable String botId, HttpServletRequest request, HttpServletResponse response, Model model) {
        Chatbot bot = scope.bot(request, botId, model, "templates");
        try {
            int stored = templates.sync(bot.id());
            return "redirect:/console/bots/" + botId + "/templates?synced=" + stored;
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("chosen", "");
            model.addAttribute("parameters", "");
            return page(bot, model);
        }
    }

    /** @param template {@code name|language} of the chosen template */
    @PostMapping("/console/bots/{botId}/templates/window")
    String setWindowTemplate(
            @PathVariable String botId,
            @RequestParam(defaultValue = "") String template,
            @RequestParam(defaultValue = "") String parameters,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "templates");
        String[] nameAndLanguage = template.split("\\|", 2);
        List<String> values = Arrays.stream(parameters.split("\\R"))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
        try {
            windowTemplates.set(
                    bot.id(),
                    new WindowTemplate(
                            nameAndLanguage[0].isBlank() ? null : nameAndLanguage[0],
                            nameAndLanguage.length > 1 ? nameAndLanguage[1] : null,
                            values));
            return "redirect:/console/bots/" + botId + "/templates";
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("chosen", template);
            model.addAttribute("parameters", parameters);
            return page(bot, model);
        }
    }

    /** No template outside the window any more: replies to a contact whose window closed are not sent. */
    @PostMapping("/console/bots/{botId}/templates/window/clear")
    String clearWindowTemplate(@PathVariable String botId, HttpServletRequest request) {
        windowTemplates.clear(scope.bot(request, botId).id());
        return "redirect:/console/bots/" + botId + "/templates?cleared";
    }

    /** How many templates the redirect after a sync says were stored; null when the page is not that redirect. */
    private static Integer syncedCount(String parameter) {
        if (parameter == null || !parameter.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(parameter);
    }

    private String page(Chatbot bot, Model model) {
        List<MessageTemplate> all = templates.list(bot.id());
        model.addAttribute("current", windowTemplates.get(bot.id()).orElse(null));
        model.addAttribute("templates", all);
        model.addAttribute(
                "approved",
                all.stream().filter(t -> t.status() == TemplateStatus.APPROVED).toList());
        return "console/templates";
    }
}
