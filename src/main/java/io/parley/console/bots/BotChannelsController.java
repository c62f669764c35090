package io.parley.console.bots;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConflictException;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.ChannelConnections;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.TenantDeletions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A bot's channels: connect one (its secrets and what to paste elsewhere are shown once, right after), a web
 * channel's settings (origins, guests, the widget's look), a new WhatsApp verify token (stored only as a hash, so it
 * can be shown only when it is made), allow the console's origin on a web channel, disconnect. The forms per type live in the page; this controller passes their
 * fields to the type's connector through {@link ChannelConnections} and never names a channel.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class BotChannelsController {
    private final BotScope scope;
    private final ChannelConnections channels;
    private final TenantDeletions deletions;

    BotChannelsController(BotScope scope, ChannelConnections channels, TenantDeletions deletions) {
        this.scope = scope;
        this.channels = channels;
        this.deletions = deletions;
    }

    @GetMapping("/console/bots/{botId}/channels")
    String channels(@PathVariable String botId, HttpServletRequest request, Model model) {
        Chatbot bot = scope.bot(request, botId, model, "channels");
        model.addAttribute("kept", Map.of());
        return page(bot, request, model);
    }

    @PostMapping("/console/bots/{botId}/channels")
    String connect(
            @PathVariable String botId,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "channels");
        Map<String, Object> connectRequest = ChannelForm.request(form);
        try {
            Map<String, Object> connected = channels.connect(bot.id(), connectRequest);
            if ("settings".equals(form.getFirst("next"))) {
                return "redirect:/console/bots/" + botId + "#test-chat";
            }
            model.addAttribute("connected", connected);
            model.addAttribute("verifyToken", connectRequest.get("verifyToken"));
            model.addAttribute("kept", Map.of());
        } catch (InvalidRequestException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("kept", ChannelForm.kept(form));
        }
        return page(bot, request, model);
    }

    /** Adds the console's origin to a web channel's allowed origins, so the test chat may send from here. */
    @PostMapping("/console/bots/{botId}/channels/{channelId}/allow-origin")
    String allowOrigin(@PathVariable String botId, @PathVariable String channelId, HttpServletRequest request) {
        Chatbot bot = scope.bot(request, botId);
        ChannelAccountId id = Ids.parse(channelId, "channel", ChannelAccountId::new);
        List<String> origins = new ArrayList<>();
        if (channels.view(bot.id(), id).get("allowedOrigins") instanceof List<?> current) {
            current.forEach(origin -> origins.add(String.valueOf(origin)));
        }
        origins.add(BotScope.origin(request));
        channels.update(bot.id(), id, Map.of("allowedOrigins", origins));
        return "redirect:/console/bots/" + botId + "#test-chat";
    }

    /** Saves a web channel's settings form; a refused form is shown again next to that channel with what was typed. */
    @PostMapping("/console/bots/{botId}/channels/{channelId}/settings")
    String saveWebSettings(
            @PathVariable String botId,
            @PathVariable String channelId,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Chatbot bot = scope.bot(request, botId, model, "channels");
        ChannelAccountId id = Ids.parse(channelId, "channel", ChannelAccountId::new);
        if (!hasWidget(channels.view(bot.id(), id))) {
            throw new InvalidRequestException("unsupported_channel_type", "Only a web channel has these settings");
        }
        try {
            channels.update(bot.id(), id, WebChannelSettings.request(form));
            return "redirect:/console/bots/" + botId + "/channels?saved=" + id.value() + "#channel-" + id.value();
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("kept", Map.of());
            model.addAttribute("editing", id.value());
            model.addAttribute("settingsProblem", e.getMessage());
            return page(bot, request, model, Map.of(id.value(), WebChannelSettings.submitted(form)));
        }
    }

    /**
     * Gives a WhatsApp channel a new verify token and shows it this once: the old one no longer answers Meta's
     * handshake, so it must be pasted into Meta's webhook settings at once.
     */
    @PostMapping("/console/bots/{botId}/channels/{channelId}/verify-token")
    String rotateVerifyToken(
            @PathVariable String botId, @PathVariable String channelId, HttpServletRequest request, Model model) {
        Chatbot bot = scope.bot(request, botId, model, "channels");
        ChannelAccountId id = Ids.parse(channelId, "channel", ChannelAccountId::new);
        if (!hasProviderWebhook(channels.view(bot.id(), id))) {
            throw new InvalidRequestException("unsupported_channel_type", "Only a WhatsApp channel has a verify token");
        }
        String token = ChannelForm.newVerifyToken();
        channels.update(bot.id(), id, Map.of("verifyToken", token));
        model.addAttribute("kept", Map.of());
        model.addAttribute("rotatedChannel", id.value());
        model.addAttribute("rotatedToken", token);
        return page(bot, request, model);
    }

    @PostMapping("/console/bots/{botId}/channels/{channelId}/disconnect")
    String disconnect(@PathVariable String botId, @PathVariable String channelId, HttpServletRequest request) {
        Chatbot bot = scope.bot(request, botId);
        deletions.removeChannel(bot.id(), Ids.parse(channelId, "channel", ChannelAccountId::new));
        return "redirect:/console/bots/" + botId + "/channels";
    }

    private String page(Chatbot bot, HttpServletRequest request, Model model) {
        return page(bot, request, model, Map.of());
    }

    /** @param typed form values typed into a refused settings form, by channel id; they replace the stored ones */
    private String page(Chatbot bot, HttpServletRequest request, Model model, Map<UUID, Map<String, String>> typed) {
        List<Map<String, Object>> list = channels.list(bot.id());
        Map<Object, Map<String, String>> webForms = new HashMap<>();
        list.stream()
                .filter(BotChannelsController::hasWidget)
                .forEach(channel -> webForms.put(
                        channel.get("id"), typed.getOrDefault(channel.get("id"), WebChannelSettings.values(channel))));
        model.addAttribute("channels", list);
        model.addAttribute("webForms", webForms);
        model.addAttribute("widgetFields", WebChannelSettings.WIDGET_FIELDS);
        model.addAttribute("savedChannel", request.getParameter("saved"));
        model.addAttribute("newVerifyToken", ChannelForm.newVerifyToken());
        model.addAttribute("origin", BotScope.origin(request));
        model.addAttribute("secretFields", List.of("identitySecret", "signingSecret"));
        return "console/bot-channels";
    }

    /** A channel whose view shows a widget (the website channel) has widget settings; no channel is named here. */
    private static boolean hasWidget(Map<String, Object> view) {
        return view.containsKey("widget");
    }

    /** A channel whose provider calls a webhook of Parley's has a verify token to give it (ADR 30: by shape). */
    private static boolean hasProviderWebhook(Map<String, Object> view) {
        return view.containsKey("webhookUrl");
    }
}
