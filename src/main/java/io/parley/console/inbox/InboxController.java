package io.parley.console.inbox;

import io.parley.access.StaffUserId;
import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.ConversationInbox;
import io.parley.conversation.InboxCursor;
import io.parley.conversation.InboxPage;
import io.parley.platform.channel.Channels;
import io.parley.tenancy.Chatbots;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The inbox: every conversation of the organization, newest activity first, 50 a page with a cursor, filtered by the
 * query parameters of {@link InboxQuery}. {@code /console} is the whole page (an htmx request from the filter form
 * gets only the results); {@code /console/inbox/items} is the first page's list for the live refresh, or with
 * {@code after} the next page for "load more". Every response says its server time in {@code Server-Timing}.
 */
@Controller
class InboxController {
    static final int PAGE_SIZE = 50;

    private final ConversationInbox inbox;
    private final Chatbots chatbots;
    private final Channels channels;
    private final Clock clock;

    InboxController(ConversationInbox inbox, Chatbots chatbots, Channels channels, Clock clock) {
        this.inbox = inbox;
        this.chatbots = chatbots;
        this.channels = channels;
        this.clock = clock;
    }

    @GetMapping("/console")
    String inbox(InboxParams params, HttpServletRequest request, HttpServletResponse response, Model model) {
        InboxQuery query = params.query();
        ConsoleUser me = ConsoleUser.of(request);
        page(me, query, response, model);
        model.addAttribute("chatbots", chatbots.list(me.requireOrganization()));
        model.addAttribute("channels", channels.types());
        model.addAttribute("staff", me.caller().staffUserId().isPresent());
        model.addAttribute(
                "searchWindow",
                String.format(java.util.Locale.ENGLISH, "%,d", ConversationInbox.MESSAGE_SEARCH_WINDOW));
        boolean fromFilterForm = request.getHeader("HX-Request") != null && request.getHeader("HX-Boosted") == null;
        return fromFilterForm ? "console/inbox :: results" : "console/inbox";
    }

    @GetMapping("/console/inbox/items")
    String items(InboxParams params, HttpServletRequest request, HttpServletResponse response, Model model) {
        InboxQuery query = params.query();
        page(ConsoleUser.of(request), query, response, model);
        return query.after() == null ? "console/inbox-items :: first" : "console/inbox-items :: more";
    }

    private void page(ConsoleUser me, InboxQuery query, HttpServletResponse response, Model model) {
        long started = System.nanoTime();
        InboxCursor after = query.cursor();
        StaffUserId viewer = me.caller().staffUserId().orElse(null);
        InboxPage page =
                inbox.page(me.requireOrganization(), viewer, query.filter(me, channels.types()), after, PAGE_SIZE);
        Instant now = clock.instant();
        model.addAttribute("query", query);
        model.addAttribute(
                "rows", page.items().stream().map(i -> InboxRow.of(i, now)).toList());
        model.addAttribute("next", page.next() == null ? null : query.queryStringAfter(page.next()));
        model.addAttribute("filters", query.queryString());
        response.setHeader(
                "Server-Timing",
                "inbox;dur="
                        + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1_000_000.0));
    }
}
