package io.parley.conversation.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.Channels;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The address a channel delivers to: the contact's first identity of a kind the channel addresses. */
@Component
public class Recipients {
    private final Channels channels;

    Recipients(Channels channels) {
        this.channels = channels;
    }

    /**
     * The contact's identity of the channel's first addressable kind (WhatsApp prefers the phone-based wa_id over
     * the business-scoped user id); a contact with none of them falls back to its first identity, as the
     * conversation it wrote in was on this channel, and a contact without any identity (every identity it claimed
     * belonged to someone else) to its id: such a contact is only reached where it wrote (a client conversation).
     */
    public String of(ChannelType channel, Contact contact) {
        if (contact == null) {
            throw new IllegalStateException("A conversation without a contact has no recipient");
        }
        return addressable(channel, contact)
                .orElseGet(() -> contact.identities().isEmpty()
                        ? contact.id().toString()
                        : contact.identities().getFirst().value());
    }

    /** The contact's address on the channel, or empty when it has no identity of a kind the channel addresses. */
    public Optional<String> addressable(ChannelType channel, Contact contact) {
        return addresses(channel, contact).stream().findFirst();
    }

    /** Every identity of the contact of a kind the channel addresses, in the channel's order. */
    public List<String> addresses(ChannelType channel, Contact contact) {
        List<String> kinds = channels.find(channel)
                .map(d -> d.capabilities().identityKinds())
                .orElse(List.of());
        return kinds.stream()
                .flatMap(kind -> contact.identities().stream()
                        .filter(i -> i.kind().equals(kind))
                        .map(ContactIdentity::value))
                .toList();
    }
}
