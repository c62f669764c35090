package io.parley.console.inbox;

import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.ConversationDesk;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Fills the model of the conversation page and of its fragments (header, transcript, composer, poll), shared by the
 * page, its poll and the desk's actions so each answers the same markup. Opening or refreshing the page marks the
 * conversation read for the staff member looking at it.
 */
@Component
class ConversationPage {
    private static final int NEIGHBOURS_SCANNED = 200;

    private final Conversations conversations;
    private final ConversationDesk desk;
    private final ConversationTimeline timeline;
    private final ConversationComposer composer;
    private final StaffUsers staffUsers;

    ConversationPage(
            Conversations conversations,
            ConversationDesk desk,
            ConversationTimeline timeline,
            ConversationComposer composer,
            StaffUsers staffUsers) {
        this.conversations = conversations;
        this.desk = desk;
        this.timeline = timeline;
        this.composer = composer;
        this.staffUsers = staffUsers;
    }

    /** The conversation of the signed-in organization; another organization's or a malformed id is not found. */
    ConversationSummary find(ConsoleUser me, String conversationId) {
        ConversationId id = Ids.parse(conversationId, "conversation", ConversationId::new);
        return conversations.getInOrganization(me.requireOrganization(), id);
    }

    ConversationTimeline.Snapshot snapshot(ConversationSummary conversation) {
        return timeline.snapshot(
                conversation,
                desk.assignee(conversation.id()).map(StaffUserId::toString).orElse(""),
                composer.windowOpen(conversation));
    }

    /** Everything the page shows; {@code withComposer} false keeps the composer (and its typed text) as it is. */
    void fill(Model model, ConsoleUser me, ConversationSummary conversation, boolean withComposer) {
        fill(model, me, conversation, snapshot(conversation), withComposer);
    }

    void fill(
            Model model,
            ConsoleUser me,
            ConversationSummary conversation,
            ConversationTimeline.Snapshot snapshot,
            boolean withComposer) {
        ConversationTimeline.Timeline shown = timeline.timeline(conversation, snapshot);
        model.addAttribute("conversation", conversation);
        model.addAttribute("base", "/console/conversations/" + conversation.id());
        model.addAttribute("timeline", shown);
        List<StaffUser> staff = staffUsers.list(conversation.organizationId()).stream()
                .filter(u -> !u.disabled())
                .toList();
        Optional<StaffUserId> assignee = desk.assignee(conversation.id());
        model.addAttribute("staff", staff);
        Map<String, String> staffNames = new HashMap<>();
        staff.forEach(u -> staffNames.put("user:" + u.id(), u.name()));
        model.addAttribute("staffNames", staffNames);
        model.addAttribute("assigneeId", assignee.map(StaffUserId::toString).orElse(""));
        model.addAttribute(
                "assignee",
                assignee.flatMap(a ->
                                staff.stream().filter(u -> u.id().equals(a)).findFirst())
                        .orElse(null));
        model.addAttribute("windowOpen", composer.windowOpen(conversation));
        if (withComposer) {
            model.addAttribute("composer", composer.state(conversation));
        }
        neighbours(model, conversation);
        me.caller()
                .staffUserId()
                .filter(ignored -> shown.lastSequence() > 0)
                .ifPresent(staffUser -> desk.markRead(staffUser, conversation.id(), shown.lastSequence()));
    }

    /** The inbox's order (newest activity first): {@code j} opens the next (older) one, {@code k} the previous. */
    private void neighbours(Model model, ConversationSummary conversation) {
        List<ConversationSummary> inbox =
                conversations.listByOrganization(conversation.organizationId(), NEIGHBOURS_SCANNED);
        int at = -1;
        for (int i = 0; i < inbox.size(); i++) {
            if (inbox.get(i).id().equals(conversation.id())) {
                at = i;
                break;
            }
        }
        model.addAttribute("previousId", at > 0 ? inbox.get(at - 1).id().toString() : null);
        model.addAttribute(
                "nextId",
                at >= 0 && at + 1 < inbox.size() ? inbox.get(at + 1).id().toString() : null);
    }
}
