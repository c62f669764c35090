package io.parley.channels.whatsapp.inbound.payload;

import static io.parley.channels.whatsapp.JsonReads.array;
import static io.parley.channels.whatsapp.JsonReads.object;
import static io.parley.channels.whatsapp.JsonReads.text;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The {@code value.contacts[]} of one change. A message names its sender by phone ({@code from}) or, for
 * username users, only by BSUID ({@code from_user_id}); the contact entry may know the other identifier.
 */
final class ChangeContacts {
    private final List<WaSender> contacts;

    private ChangeContacts(List<WaSender> contacts) {
        this.contacts = contacts;
    }

    static ChangeContacts of(JsonNode value) {
        return new ChangeContacts(
                array(value, "contacts").stream().map(ChangeContacts::contact).toList());
    }

    private static WaSender contact(JsonNode contact) {
        JsonNode profile = object(contact, "profile");
        return new WaSender(
                text(contact, "wa_id"), text(contact, "user_id"), text(profile, "name"), text(profile, "username"));
    }

    WaSender resolve(String from, String fromUserId) {
        Optional<WaSender> contact = find(from, WaSender::waId).or(() -> find(fromUserId, WaSender::userId));
        return new WaSender(
                from != null ? from : contact.map(WaSender::waId).orElse(null),
                fromUserId != null ? fromUserId : contact.map(WaSender::userId).orElse(null),
                contact.map(WaSender::profileName).orElse(null),
                contact.map(WaSender::username).orElse(null));
    }

    private Optional<WaSender> find(String id, Function<WaSender, String> key) {
        if (id == null) {
            return Optional.empty();
        }
        return contacts.stream()
                .filter(contact -> Objects.equals(id, key.apply(contact)))
                .findFirst();
    }
}
