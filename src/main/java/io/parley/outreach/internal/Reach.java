package io.parley.outreach.internal;

import io.parley.contacts.Contact;
import io.parley.delivery.OutboundContent;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.Channels;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which of a chatbot's channel accounts business-initiated messages (broadcasts, campaigns) go through, and which
 * contacts each can reach: any channel whose capabilities allow proactive sends and the content's kind, addressing
 * the contact by an identity of a kind the channel addresses (issue 12 item 9).
 */
@Component
public class Reach {
    public static final String NOT_PROACTIVE = "channel_not_proactive";

    private final ChannelAccounts accounts;
    private final Channels channels;

    Reach(ChannelAccounts accounts, Channels channels) {
        this.accounts = accounts;
        this.channels = channels;
    }

    /**
     * The chatbot's accounts that may send this content unprompted, oldest first; 400 {@code no_proactive_channel}
     * when there is none. The content is checked against each one's limits.
     */
    public List<ChannelAccount> accountsFor(ChatbotId chatbot, OutboundContent content) {
        List<ChannelAccount> usable = accounts.list(chatbot).stream()
                .filter(a -> channels.find(a.type()).isPresent())
                .filter(a -> capabilities(a).proactive() && capabilities(a).supports(content.outboundKind()))
                .sorted(Comparator.comparing(ChannelAccount::createdAt))
                .toList();
        if (usable.isEmpty()) {
            throw new InvalidRequestException(
                    "no_proactive_channel",
                    "The chatbot has no channel that may send "
                            + content.wireType() + " messages the contact did not ask for (connected channels: "
                            + accounts.list(chatbot).stream()
                                    .map(a -> a.type().wireName())
                                    .distinct()
                                    .toList() + ")");
        }
        usable.forEach(a -> content.validateFor(a.type(), capabilities(a)));
        return usable;
    }

    /**
     * One account of the chatbot chosen by the caller: another chatbot's is not found (404 {@code channel_not_found}),
     * one whose channel does not allow proactive sends is a 400 {@value #NOT_PROACTIVE}.
     */
    public ChannelAccount chosen(ChatbotId chatbot, ChannelAccountId id, OutboundContent content) {
        ChannelAccount account = accounts.getOfChatbot(chatbot, id);
        requireProactive(account);
        content.validateFor(account.type(), capabilities(account));
        return account;
    }

    public void requireProactive(ChannelAccount account) {
        if (channels.find(account.type())
                .map(d -> !d.capabilities().proactive())
                .orElse(true)) {
            throw notProactive(account);
        }
    }

    /** 400 {@value #NOT_PROACTIVE} naming the account and its channel type. */
    public InvalidRequestException notProactive(ChannelAccount account) {
        return new InvalidRequestException(
                NOT_PROACTIVE,
                "A " + account.type().wireName() + " channel cannot send messages the contact did not ask for",
                Map.of(
                        "channelId",
                        account.id().value(),
                        "channel",
                        account.type().wireName()));
    }

    /** The first of {@code candidates} that can address the contact. */
    public Optional<ChannelAccount> route(List<ChannelAccount> candidates, Contact contact) {
        return candidates.stream().filter(a -> reachable(a, contact)).findFirst();
    }

    /** Whether the contact has an identity of a kind the account's channel addresses. */
    public boolean reachable(ChannelAccount account, Contact contact) {
        return capabilities(account).identityKinds().stream()
                .anyMatch(kind -> contact.identity(kind).isPresent());
    }

    /** Whether an account's channel addresses this identity kind (a staff member's phone, a broadcast number). */
    public boolean addresses(ChannelAccount account, String identityKind) {
        return channels.find(account.type())
                .map(d -> d.capabilities().identityKinds().contains(identityKind))
                .orElse(false);
    }

    private ChannelCapabilities capabilities(ChannelAccount account) {
        return channels.capabilities(account.type());
    }
}
