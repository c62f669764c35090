package io.parley.console.inbox;

import io.parley.access.AuditTrail;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.ConversationDesk;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.delivery.OutboundContent;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.IdempotencyKey;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.MessageId;
import io.parley.templates.MessageTemplate;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * What a person does on the conversation page (every member, agents included): take the conversation over from the
 * bot and hand it back, assign it, write an internal note, and write to the contact (text while the service window
 * is open, an approved template otherwise; a file as an upload or by link) through the normal delivery path. Each change is audited. htmx requests
 * get the changed parts as out-of-band swaps; plain form posts are redirected back to the page.
 */
@Controller
@RequestMapping("/console/conversations/{conversationId}")
class DeskActionsController {
    private static final String ROUTE = "/console/conversations/{conversationId}/";

    private final ConversationPage page;
    private final Conversations conversations;
    private final ConversationDesk desk;
    private final ConversationComposer composer;
    private final StaffUsers staffUsers;
    private final AuditTrail audit;
    private final SystemEvents events;

    DeskActionsController(
            ConversationPage page,
            Conversations conversations,
            ConversationDesk desk,
            ConversationComposer composer,
            StaffUsers staffUsers,
            AuditTrail audit,
            SystemEvents events) {
        this.page = page;
        this.conversations = conversations;
        this.desk = desk;
        this.composer = composer;
        this.staffUsers = staffUsers;
        this.audit = audit;
        this.events = events;
    }

    @PostMapping("/handover")
    String takeOver(@PathVariable String conversationId, HttpServletRequest request, Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationSummary conversation = page.find(me, conversationId);
        conversations.handOver(conversation.id());
        audited(me, conversation, "conversation_handover", "handover", Map.of());
        recorded(me, conversation, "conversation.taken_over");
        return answer(request, model, me, conversation, "head,transcript");
    }

    @PostMapping("/handback")
    String handBack(@PathVariable String conversationId, HttpServletRequest request, Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationSummary conversation = page.find(me, conversationId);
        conversations.handBack(conversation.id());
        audited(me, conversation, "conversation_handback", "handback", Map.of());
        recorded(me, conversation, "conversation.handed_back");
        return answer(request, model, me, conversation, "head,transcript");
    }

    /** {@code staffUserId} empty: nobody. Another organization's staff member is not found. */
    @PostMapping("/assign")
    String assign(
            @PathVariable String conversationId,
            @RequestParam(name = "staffUserId", defaultValue = "") String staffUserId,
            HttpServletRequest request,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationSummary conversation = page.find(me, conversationId);
        StaffUserId assignee = null;
        if (!staffUserId.isBlank()) {
            assignee = staffUsers
                    .get(conversation.organizationId(), Ids.parse(staffUserId, "staff_user", StaffUserId::new))
                    .id();
        }
        desk.assign(conversation.id(), assignee);
        audited(
                me,
                conversation,
                "conversation_assigned",
                "assign",
                Map.of("staffUserId", assignee == null ? "" : assignee.toString()));
        return answer(request, model, me, conversation, "head");
    }

    @PostMapping("/notes")
    String note(
            @PathVariable String conversationId,
            @RequestParam(name = "text", defaultValue = "") String text,
            HttpServletRequest request,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationSummary conversation = page.find(me, conversationId);
        var note = desk.addNote(
                conversation.organizationId(),
                conversation.id(),
                me.caller().staffUserId().orElse(null),
                me.name(),
                text);
        audited(
                me,
                conversation,
                "conversation_note_added",
                "notes",
                Map.of("noteId", note.id().toString()));
        return answer(request, model, me, conversation, "transcript,notes");
    }

    @PostMapping("/messages")
    String send(
            @PathVariable String conversationId,
            @RequestParam(name = "text", defaultValue = "") String text,
            @RequestParam(name = "attachmentKind", defaultValue = "") String attachmentKind,
            @RequestParam(name = "attachmentLink", defaultValue = "") String attachmentLink,
            @RequestParam(name = "attachmentFile", required = false) MultipartFile attachmentFile,
            @RequestParam(name = "idempotencyKey", defaultValue = "") String key,
            HttpServletRequest request,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationSummary conversation = page.find(me, conversationId);
        OutboundContent content = composer.content(conversation, text, attachmentKind, attachmentLink, attachmentFile);
        MessageId sent = conversations.sendAgentMessage(conversation.id(), content, null, key(key), null);
        audited(me, conversation, "conversation_message_sent", "messages", Map.of("messageId", sent.toString()));
        return answer(request, model, me, conversation, "head,transcript,composer");
    }

    /** One of the channel account's approved templates, with a value for each of its body parameters. */
    @PostMapping("/template")
    String sendTemplate(
            @PathVariable String conversationId,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "language", defaultValue = "") String language,
            @RequestParam(name = "parameter", required = false) List<String> parameters,
            @RequestParam(name = "idempotencyKey", defaultValue = "") String key,
            HttpServletRequest request,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        ConversationSummary conversation = page.find(me, conversationId);
        MessageTemplate template = composer.approvedTemplates(conversation).stream()
                .filter(t -> t.name().equals(name) && t.language().equals(language))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "template_not_available",
                        "Choose one of the approved templates of this conversation's channel",
                        Map.of("field", "name")));
        List<Object> values = new ArrayList<>(parameters == null ? List.of() : parameters);
        MessageId sent = conversations.sendAgentMessage(
                conversation.id(),
                new OutboundContent.Template(template.name(), template.language(), values),
                null,
                key(key),
                null);
        audited(
                me,
                conversation,
                "conversation_template_sent",
                "template",
                Map.of("messageId", sent.toString(), "template", template.name()));
        return answer(request, model, me, conversation, "head,transcript,composer");
    }

    private static IdempotencyKey key(String value) {
        return value.isBlank() ? null : new IdempotencyKey(value.strip());
    }

    private String answer(
            HttpServletRequest request, Model model, ConsoleUser me, ConversationSummary before, String parts) {
        ConversationSummary conversation = conversations.get(before.id());
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/console/conversations/" + conversation.id();
        }
        page.fill(model, me, conversation, parts.contains("composer"));
        model.addAttribute("parts", parts);
        model.addAttribute("announce", 0L);
        return "console/conversation-updates";
    }

    /** Owner changes also show in the transcript and on the events page, naming who by id only. */
    private void recorded(ConsoleUser me, ConversationSummary conversation, String type) {
        events.record(SystemEvent.of(SystemEvent.Level.INFO, type)
                .organization(conversation.organizationId())
                .chatbot(conversation.chatbotId())
                .conversation(conversation.id())
                .with("by", me.caller().label())
                .build());
    }

    private void audited(
            ConsoleUser me,
            ConversationSummary conversation,
            String action,
            String route,
            Map<String, String> details) {
        Map<String, String> all = new java.util.HashMap<>(details);
        all.put("conversationId", conversation.id().toString());
        audit.console(conversation.organizationId(), me.caller(), action, "POST", ROUTE + route, all, 200);
    }
}
