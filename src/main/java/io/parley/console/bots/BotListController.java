package io.parley.console.bots;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.Chatbots;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The organization's bots (name, model, channels, paused) and the form that creates one. Admins and owners. */
@Controller
@ConsoleAccess(Role.ADMIN)
class BotListController {
    private final Chatbots chatbots;
    private final ChannelAccounts channels;

    BotListController(Chatbots chatbots, ChannelAccounts channels) {
        this.chatbots = chatbots;
        this.channels = channels;
    }

    /** A row of the list: the bot and the type names of its channels. */
    record BotRow(Chatbot bot, List<String> channelTypes) {}

    @GetMapping("/console/bots")
    String list(HttpServletRequest request, Model model) {
        model.addAttribute("created", Map.of("name", "", "systemPrompt", "", "provider", "offline", "modelName", ""));
        return page(request, model);
    }

    @PostMapping("/console/bots")
    String create(
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        String provider = BotForm.value(form, "provider");
        String modelName = BotForm.value(form, "modelName");
        try {
            Chatbot bot = chatbots.create(
                    me.requireOrganization(),
                    new ChatbotDraft(
                            BotForm.value(form, "name"),
                            BotForm.value(form, "systemPrompt"),
                            null,
                            null,
                            new ChatbotDraft.Model(
                                    provider.isBlank() ? null : provider,
                                    modelName.isBlank() ? null : modelName,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null),
                            List.of()));
            return "redirect:/console/bots/" + bot.id().value();
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.getMessage());
            model.addAttribute(
                    "created",
                    Map.of(
                            "name",
                            BotForm.value(form, "name"),
                            "systemPrompt",
                            BotForm.value(form, "systemPrompt"),
                            "provider",
                            provider,
                            "modelName",
                            modelName));
            return page(request, model);
        }
    }

    private String page(HttpServletRequest request, Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        List<BotRow> rows = chatbots.list(me.requireOrganization()).stream()
                .map(bot -> new BotRow(
                        bot,
                        channels.list(bot.id()).stream()
                                .map(ChannelAccount::type)
                                .map(type -> type.wireName())
                                .distinct()
                                .toList()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("providers", Chatbots.PROVIDERS.stream().sorted().toList());
        return "console/bots";
    }
}
