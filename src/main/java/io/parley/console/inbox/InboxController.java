package io.parley.console.inbox;

import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.Conversations;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The inbox: every conversation of the organization, newest activity first. */
@Controller
class InboxController {
    private final Conversations conversations;

    InboxController(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/console")
    String inbox(HttpServletRequest request, Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        model.addAttribute("conversations", conversations.listByOrganization(me.requireOrganization(), 50));
        return "console/inbox";
    }
}
