package io.parley.conversation.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.PilotBlockedException;
import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChatbotPilots;
import io.parley.tenancy.PilotMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Pilot mode (issue 16): a chatbot whose pilot is on talks only to the contacts on its allowlist. A turn for anyone
 * else closes the messages unanswered ({@value #REASON}; they were stored and acknowledged as usual, so the console
 * shows them), and every send to them is refused before anything is stored or queued. Events name the contact by
 * the last four characters of its address only.
 */
@Component
public class PilotGate {
    static final String REASON = "blocked_pilot";
    static final String BLOCKED = "pilot_mode.blocked";
    static final String OUTBOUND_BLOCKED = "pilot_mode.outbound_blocked";
    /** A contact who keeps writing is one event per conversation and hour, not one per message. */
    private static final Duration EVENT_EVERY = Duration.ofHours(1);

    private final ChatbotPilots pilots;
    private final Contacts contacts;
    private final TurnWriter writer;
    private final SystemEvents events;
    private final Recipients recipients;

    PilotGate(ChatbotPilots pilots, Contacts contacts, TurnWriter writer, SystemEvents events, Recipients recipients) {
        this.pilots = pilots;
        this.contacts = contacts;
        this.writer = writer;
        this.events = events;
        this.recipients = recipients;
    }

    /**
     * True when the conversation's contact is outside the chatbot's pilot: the pending messages are then closed
     * without a reply (unless an earlier run closed them) and the turn has nothing left to answer.
     */
    boolean closes(ConversationRow conversation, List<StoredMessage> pending, Instant startedAt) {
        PilotMode pilot = pilots.of(conversation.chatbotId());
        if (!pilot.enabled()) {
            return false;
        }
        Contact contact = contacts.find(conversation.contactId()).orElse(null);
        if (pilot.admits(addresses(conversation.channel(), contact))) {
            return false;
        }
        if (writer.skip(conversation, pending, startedAt, REASON)) {
            events.recordUnlessRecent(
                    SystemEvent.of(SystemEvent.Level.INFO, BLOCKED)
                            .organization(conversation.organizationId())
                            .chatbot(conversation.chatbotId())
                            .conversation(conversation.id())
                            .with("conversationId", conversation.id().toString())
                            .with("contact", masked(conversation.channel(), contact))
                            .build(),
                    EVENT_EVERY);
        }
        return true;
    }

    /**
     * Whether the chatbot may write to {@code contact} on {@code channel} now: pilot mode is off, or one of the
     * contact's addresses on that channel (the identities the channel delivers to, which it proved) is allowed.
     */
    public boolean admits(ChatbotId chatbot, ChannelType channel, Contact contact) {
        PilotMode pilot = pilots.of(chatbot);
        return !pilot.enabled() || pilot.admits(addresses(channel, contact));
    }

    /** Refuses (409 {@code pilot_mode_outbound_blocked}) a send the chatbot's pilot does not allow. */
    public void requireAdmitted(ChatbotId chatbot, ChannelType channel, Contact contact) {
        if (!admits(chatbot, channel, contact)) {
            throw new PilotBlockedException(chatbot);
        }
    }

    /**
     * As {@link #requireAdmitted}, for sends that no person is waiting on (a campaign, a broadcast's contact): the
     * refusal is also recorded as the event {@value #OUTBOUND_BLOCKED}, which commits with the caller's work.
     *
     * @param conversation null when the contact has no conversation yet
     * @param source       what sent it ({@code campaign}, {@code broadcast}, …), or null
     */
    public void requireAdmitted(
            OrganizationId organization,
            ChatbotId chatbot,
            ConversationId conversation,
            ChannelType channel,
            Contact contact,
            Object source) {
        if (admits(chatbot, channel, contact)) {
            return;
        }
        events.record(SystemEvent.of(SystemEvent.Level.INFO, OUTBOUND_BLOCKED)
                .organization(organization)
                .chatbot(chatbot)
                .conversation(conversation)
                .with("contact", masked(channel, contact))
                .with("source", source)
                .build());
        throw new PilotBlockedException(chatbot);
    }

    private List<String> addresses(ChannelType channel, Contact contact) {
        return contact == null ? List.of() : recipients.addresses(channel, contact);
    }

    /** The contact's address on the channel as "********0001": enough to tell two contacts apart, not to reach one. */
    private String masked(ChannelType channel, Contact contact) {
        String address = contact == null
                ? ""
                : PilotMode.normalize(recipients.addressable(channel, contact).orElse(""));
        return "********" + (address.length() > 4 ? address.substring(address.length() - 4) : "");
    }
}
