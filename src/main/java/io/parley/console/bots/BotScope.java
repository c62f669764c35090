package io.parley.console.bots;

import io.parley.console.shell.ConsoleUser;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The chatbot a bot page is about, always looked up inside the signed-in organization: another organization's bot
 * id is the same not-found page as an unknown one. Puts the bot in the model for the tabs every bot page shows.
 */
@Component
class BotScope {
    private final Chatbots chatbots;

    BotScope(Chatbots chatbots) {
        this.chatbots = chatbots;
    }

    Chatbot bot(HttpServletRequest request, String botId) {
        ConsoleUser me = ConsoleUser.of(request);
        return chatbots.getInOrganization(me.requireOrganization(), Ids.parse(botId, "chatbot", ChatbotId::new));
    }

    /** The bot, also added to the model as {@code bot} with the name of the tab shown ({@code tab}). */
    Chatbot bot(HttpServletRequest request, String botId, Model model, String tab) {
        Chatbot bot = bot(request, botId);
        model.addAttribute("bot", bot);
        model.addAttribute("tab", tab);
        return bot;
    }

    /** Where the browser reached the console ({@code https://host[:port]}): the origin a test widget runs on. */
    static String origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
