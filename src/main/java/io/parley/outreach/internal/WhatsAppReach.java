package io.parley.outreach.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.platform.channel.ChannelType;
import java.util.Comparator;
import org.springframework.stereotype.Component;

/** Which WhatsApp account a chatbot's outreach goes through, and which contacts it can reach. */
@Component
public class WhatsAppReach {
    private final ChannelAccounts accounts;

    WhatsAppReach(ChannelAccounts accounts) {
        this.accounts = accounts;
    }

    /** The chatbot's first WhatsApp account; 400 {@code no_whatsapp_channel} if it has none. */
    public ChannelAccount accountOf(ChatbotId chatbot) {
        return accounts.list(chatbot).stream().filter(a -> ChannelType.WHATSAPP.equals(a.type()))
                .min(Comparator.comparing(ChannelAccount::createdAt))
                .orElseThrow(() -> new InvalidRequestException("no_whatsapp_channel",
                        "The chatbot has no WhatsApp channel account to send through"));
    }

    /** A contact known only from web chat has no WhatsApp address. */
    public static boolean reachable(Contact contact) {
        return contact.phone().isPresent() || contact.identity(ContactIdentity.WA_ID).isPresent()
                || contact.identity(ContactIdentity.BSUID).isPresent();
    }
}
