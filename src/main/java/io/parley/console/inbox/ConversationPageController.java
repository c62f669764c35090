package io.parley.console.inbox;

import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.ConversationSummary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One conversation: its transcript, desk and composer, and the small poll that keeps an open page current. The poll
 * runs every two seconds, holds nothing between requests and answers 204 while nothing changed; otherwise it answers
 * the changed parts as htmx out-of-band swaps and announces new messages in the layout's live region. Another
 * organization's id is the same not-found page as an unknown one.
 */
@Controller
class ConversationPageController {
    private final ConversationPage page;
    private final ConversationComposer composer;

    ConversationPageController(ConversationPage page, ConversationComposer composer) {
        this.page = page;
        this.composer = composer;
    }

    @GetMapping("/console/conversations/{conversationId}")
    String conversation(@PathVariable String conversationId, HttpServletRequest request, Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        page.fill(model, me, page.find(me, conversationId), true);
        return "console/conversation";
    }

    /**
     * @param version     the fingerprint the page shows
     * @param after       the last message sequence the page shows (new ones after it are announced)
     * @param windowOpen  whether the page's composer offers free text (a change re-renders the composer)
     */
    @GetMapping("/console/conversations/{conversationId}/updates")
    String updates(
            @PathVariable String conversationId,
            @RequestParam(name = "v", defaultValue = "") String version,
            @RequestParam(name = "after", defaultValue = "0") long after,
            @RequestParam(name = "open", defaultValue = "true") boolean windowOpen,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationSummary conversation = page.find(me, conversationId);
        ConversationTimeline.Snapshot snapshot = page.snapshot(conversation);
        if (snapshot.fingerprint().equals(version)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null;
        }
        boolean windowChanged = composer.windowOpen(conversation) != windowOpen;
        page.fill(model, me, conversation, snapshot, windowChanged);
        long arrived = snapshot.messages().stream()
                .filter(m -> m.sequence() > after)
                .filter(m -> !"system".equals(m.role()))
                .count();
        model.addAttribute("announce", after > 0 ? arrived : 0);
        model.addAttribute("parts", windowChanged ? "head,transcript,composer" : "head,transcript");
        return "console/conversation-updates";
    }
}
