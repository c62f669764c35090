package io.parley.console.bots;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.ChannelConnections;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.Chatbots;
import io.parley.tools.ToolSources;
import io.parley.tools.Tools;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One bot's settings page: prompt, persona, model (the API key is write-only), fallback messages, FAQ, session
 * timeout, tools, pause and resume, and the test chat. A refused form is shown again with the message and the input.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class BotSettingsController {
    private final BotScope scope;
    private final Chatbots chatbots;
    private final Tools tools;
    private final ToolSources toolSources;
    private final ChannelConnections channels;

    BotSettingsController(
            BotScope scope, Chatbots chatbots, Tools tools, ToolSources toolSources, ChannelConnections channels) {
        this.scope = scope;
        this.chatbots = chatbots;
        this.tools = tools;
        this.toolSources = toolSources;
        this.channels = channels;
    }

    @GetMapping("/console/bots/{botId}")
    String settings(@PathVariable String botId, HttpServletRequest request, Model model) {
        Chatbot bot = scope.bot(request, botId, model, "settings");
        model.addAttribute("form", BotForm.of(bot));
        return page(bot, request, model);
    }

    @PostMapping("/console/bots/{botId}")
    String save(
            @PathVariable String botId,
            @RequestParam MultiValueMap<String, String> submitted,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "settings");
        BotForm form = BotForm.from(submitted, bot.model().apiKey() != null);
        try {
            chatbots.update(
                    bot.id(),
                    form.applyTo(
                            Chatbots.draftOf(bot),
                            submitted.getFirst("apiKey"),
                            submitted.containsKey("removeApiKey")));
            return "redirect:/console/bots/" + botId + "?saved";
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("form", form);
            return page(bot, request, model);
        }
    }

    @PostMapping("/console/bots/{botId}/pause")
    String pause(@PathVariable String botId, HttpServletRequest request) {
        return switchTo(botId, request, false);
    }

    @PostMapping("/console/bots/{botId}/resume")
    String resume(@PathVariable String botId, HttpServletRequest request) {
        return switchTo(botId, request, true);
    }

    @PostMapping("/console/bots/{botId}/tools")
    String selectTools(
            @PathVariable String botId,
            @RequestParam(name = "builtin", required = false) List<String> builtins,
            @RequestParam(name = "source", required = false) List<UUID> sources,
            HttpServletRequest request) {
        Chatbot bot = scope.bot(request, botId);
        tools.select(bot.id(), builtins, sources);
        return "redirect:/console/bots/" + botId + "?saved";
    }

    private String switchTo(String botId, HttpServletRequest request, boolean active) {
        Chatbot bot = scope.bot(request, botId);
        ChatbotDraft d = Chatbots.draftOf(bot);
        chatbots.update(
                bot.id(),
                new ChatbotDraft(
                        d.name(),
                        d.systemPrompt(),
                        d.persona(),
                        d.fallbackMessages(),
                        d.model(),
                        d.faq(),
                        d.sessionTimeout(),
                        d.promptBudget(),
                        active));
        return "redirect:/console/bots/" + botId;
    }

    private String page(Chatbot bot, HttpServletRequest request, Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        model.addAttribute("providers", Chatbots.PROVIDERS.stream().sorted().toList());
        model.addAttribute("fallbackKeys", BotForm.FALLBACKS);
        model.addAttribute("builtins", tools.builtinNames().stream().sorted().toList());
        model.addAttribute("toolSources", toolSources.list(me.requireOrganization()));
        model.addAttribute("selection", tools.selection(bot.id()));
        model.addAttribute("channels", channels.list(bot.id()));
        model.addAttribute("origin", BotScope.origin(request));
        model.addAttribute("saved", request.getParameter("saved") != null);
        return "console/bot-settings";
    }
}
