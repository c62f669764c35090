package io.parley.outreach;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import io.parley.contacts.Contacts;
import io.parley.conversation.PilotBlockedException;
import io.parley.conversation.ProactiveMessages;
import io.parley.conversation.ProactiveMessages.Proactive;
import io.parley.conversation.ProactiveMessages.Queued;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.outreach.BroadcastResult.ContactResult;
import io.parley.outreach.internal.Audience;
import io.parley.outreach.internal.BroadcastRepository;
import io.parley.outreach.internal.Reach;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.IdempotencyKey;
import io.parley.platform.InvalidRequestException;
import io.parley.templates.MessageTemplates;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A text to up to {@value #MAX_CONTACTS} contacts of a chatbot (ids or phone numbers), on the campaign lane, in one
 * transaction, each through the chatbot's first channel that may send it unprompted and can address the contact
 * (issue 12 item 9). A phone number that never wrote gets a contact, and a conversation on such a channel.
 */
@Service
public class Broadcasts {
    public static final int MAX_CONTACTS = 100;

    private final Chatbots chatbots;
    private final Contacts contacts;
    private final ProactiveMessages messages;
    private final Reach reach;
    private final BroadcastRepository repository;
    private final MessageTemplates templates;
    private final Clock clock;
    private final JsonMapper json;

    Broadcasts(
            Chatbots chatbots,
            Contacts contacts,
            ProactiveMessages messages,
            Reach reach,
            BroadcastRepository repository,
            MessageTemplates templates,
            Clock clock,
            JsonMapper json) {
        this.chatbots = chatbots;
        this.contacts = contacts;
        this.messages = messages;
        this.reach = reach;
        this.repository = repository;
        this.templates = templates;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Validates everything before storing anything, then queues one message per distinct reachable contact. With
     * an {@code idempotencyKey}, the same key again answers the first broadcast's result without sending; the same
     * key for another request is a conflict.
     */
    @Transactional
    public BroadcastResult send(
            ChatbotId chatbotId, List<String> entries, OutboundContent content, IdempotencyKey idempotencyKey) {
        return send(chatbotId, entries, content, idempotencyKey, null);
    }

    /**
     * @param channelId null: each contact through the chatbot's first proactive channel that addresses it; else
     *                  only through this channel of the chatbot (400 {@code channel_not_proactive} if it may not
     *                  write first)
     */
    @Transactional
    public BroadcastResult send(
            ChatbotId chatbotId,
            List<String> entries,
            OutboundContent content,
            IdempotencyKey idempotencyKey,
            ChannelAccountId channelId) {
        Chatbot chatbot = chatbots.get(chatbotId);
        if (entries == null || entries.isEmpty() || entries.size() > MAX_CONTACTS) {
            throw new InvalidRequestException(
                    entries == null || entries.isEmpty() ? "validation_failed" : "too_many_contacts",
                    "contacts must have 1 to " + MAX_CONTACTS + " entries (got "
                            + (entries == null ? 0 : entries.size()) + "); use a campaign for larger audiences",
                    Map.of("maxContacts", MAX_CONTACTS));
        }
        if (content == null) {
            throw new InvalidRequestException("validation_failed", "Give message.text or template");
        }
        content.validate();
        String body = (channelId == null ? "" : channelId + ":") + content.wireType() + ":"
                + json.writeValueAsString(content);
        List<ChannelAccount> candidates = channelId == null
                ? reach.accountsFor(chatbotId, content)
                : List.of(reach.chosen(chatbotId, channelId, content));
        if (content instanceof OutboundContent.Template template) {
            templates.checkSendable(
                    candidates.getFirst().id(),
                    template.name(),
                    template.language(),
                    template.parameters() == null ? 0 : template.parameters().size());
        }
        List<Audience.Entry> audience = Audience.parse(entries);
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            Optional<BroadcastRepository.Earlier> earlier = repository.claim(
                    id, chatbot.organizationId(), chatbotId, idempotencyKey.value(), hash(audience, body));
            if (earlier.isPresent()) {
                idempotencyKey.requireSameRequest(earlier.get().requestHash(), hash(audience, body), "broadcast");
                return json.readValue(earlier.get().resultJson(), BroadcastResult.class);
            }
        } else {
            repository.claim(id, chatbot.organizationId(), chatbotId, null, hash(audience, body));
        }
        List<ContactResult> results = new ArrayList<>();
        Set<ContactId> seen = new HashSet<>();
        for (Audience.Entry entry : audience) {
            Optional<Contact> contact = resolve(chatbot, entry);
            if (contact.isPresent() && !seen.add(contact.get().id())) {
                continue;
            }
            results.add(contact.map(c -> queue(chatbot, candidates, id, entry, c, content))
                    .orElseGet(() -> ContactResult.rejected(
                            entry.given(),
                            entry instanceof Audience.Invalid ? "invalid_phone" : "unknown_contact",
                            null)));
        }
        int queued = (int) results.stream()
                .filter(r -> r.status().equals(BroadcastResult.QUEUED))
                .count();
        BroadcastResult result = new BroadcastResult(id, results.size(), queued, results.size() - queued, results);
        repository.saveResult(id, json.writeValueAsString(result));
        return result;
    }

    /** Another organization's contact is unknown here, like an id that does not exist. */
    private Optional<Contact> resolve(Chatbot chatbot, Audience.Entry entry) {
        return switch (entry) {
            case Audience.ById byId ->
                contacts.find(byId.id()).filter(c -> c.organizationId().equals(chatbot.organizationId()));
            case Audience.ByPhone phone ->
                contacts.find(contacts.findOrCreate(
                        chatbot.organizationId(),
                        chatbot.id(),
                        ContactIdentity.whatsApp(phone.digits()),
                        clock.instant()));
            case Audience.Invalid ignored -> Optional.empty();
        };
    }

    private ContactResult queue(
            Chatbot chatbot,
            List<ChannelAccount> candidates,
            UUID broadcast,
            Audience.Entry entry,
            Contact contact,
            OutboundContent content) {
        Optional<ChannelAccount> route = reach.route(candidates, contact);
        if (route.isEmpty()) {
            return ContactResult.rejected(
                    entry.given(), "not_reachable", contact.id().value());
        }
        ChannelAccount account = route.get();
        Optional<Queued> queued;
        try {
            queued = messages.send(new Proactive(
                    chatbot.organizationId(),
                    chatbot.id(),
                    account.id(),
                    account.type(),
                    contact.id(),
                    content,
                    Lane.CAMPAIGN,
                    "broadcast:" + broadcast + ":" + contact.id(),
                    Map.of("source", "broadcast", "broadcastId", broadcast)));
        } catch (PilotBlockedException e) {
            return ContactResult.rejected(entry.given(), e.code(), contact.id().value());
        }
        return queued.map(q -> ContactResult.queued(
                        entry.given(), contact.id().value(), q.messageId().value()))
                .orElseGet(() -> ContactResult.rejected(
                        entry.given(), "duplicate", contact.id().value()));
    }

    private static String hash(List<Audience.Entry> audience, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Audience.Entry entry : audience) {
                digest.update((entry.getClass().getSimpleName() + ":" + entry.given() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
