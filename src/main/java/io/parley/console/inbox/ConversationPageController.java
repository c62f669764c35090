package io.parley.console.inbox;

import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.Conversations;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One conversation: its transcript. Another organization's id is the same not-found page as an unknown one. */
@Controller
class ConversationPageController {
    private final Conversations conversations;

    ConversationPageController(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/console/conversations/{conversationId}")
    String conversation(@PathVariable String conversationId, HttpServletRequest request, Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationId id = Ids.parse(conversationId, "conversation", ConversationId::new);
        model.addAttribute("conversation", conversations.getInOrganization(me.requireOrganization(), id));
        model.addAttribute("messages", conversations.messages(id, 200));
        return "console/conversation";
    }
}
