package io.parley.outreach;

import io.parley.access.Caller;
import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.contacts.ContactIdentity;
import io.parley.contacts.Contacts;
import io.parley.conversation.ProactiveMessages;
import io.parley.conversation.ProactiveMessages.Proactive;
import io.parley.conversation.ProactiveMessages.Queued;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryView;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.outreach.internal.Reach;
import io.parley.outreach.internal.TestMessageRepository;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.Channels;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's test message (seed 004): a text on the transactional lane to a staff member's phone number through
 * one of the organization's channel accounts that may write first to a phone (WhatsApp), to check that the channel works end to end. The staff member becomes
 * a contact of that account's chatbot, like anyone the business writes to.
 */
@Service
public class TestMessages {
    static final String DEFAULT_TEXT = "Parley test message: this channel can reach you.";

    private final StaffUsers staff;
    private final Chatbots chatbots;
    private final ChannelAccounts accounts;
    private final Contacts contacts;
    private final ProactiveMessages messages;
    private final Deliveries deliveries;
    private final TestMessageRepository repository;
    private final Clock clock;

    private final Reach reach;
    private final Channels channels;

    TestMessages(
            StaffUsers staff,
            Chatbots chatbots,
            ChannelAccounts accounts,
            Contacts contacts,
            ProactiveMessages messages,
            Deliveries deliveries,
            TestMessageRepository repository,
            Clock clock,
            Reach reach,
            Channels channels) {
        this.reach = reach;
        this.channels = channels;
        this.staff = staff;
        this.chatbots = chatbots;
        this.accounts = accounts;
        this.contacts = contacts;
        this.messages = messages;
        this.deliveries = deliveries;
        this.repository = repository;
        this.clock = clock;
    }

    /** @param status a delivery status's wire name ({@code queued} … {@code read}, {@code failed}) */
    public record TestDelivery(UUID deliveryId, String status, String errorCode, Integer attempts) {}

    /**
     * @param staffUserId null: the signed-in staff user
     * @param accountId   null: the organization's first account that reaches a phone
     * @param text        null: a default text
     */
    @Transactional
    public TestDelivery send(
            OrganizationId organization,
            StaffUserId staffUserId,
            ChannelAccountId accountId,
            String text,
            Caller actor) {
        StaffUser user = staff.get(organization, staffUserId != null ? staffUserId : signedIn(organization, actor));
        if (user.phone() == null) {
            throw new InvalidRequestException(
                    "staff_phone_missing",
                    "The staff user has no phone number; set one with PATCH /api/v1/organizations/{orgId}/users/{userId}"
                            + " {\"phone\": \"+…\"}",
                    Map.of("staffUserId", user.id().value()));
        }
        String body = text == null ? DEFAULT_TEXT : Texts.require(text);
        ChannelAccount account = account(organization, accountId);
        new OutboundContent.Text(body).validateFor(account.type(), channels.capabilities(account.type()));
        var contact = contacts.findOrCreate(
                organization, account.chatbotId(), ContactIdentity.phone(user.phone()), clock.instant());
        Queued queued = messages.send(new Proactive(
                        organization,
                        account.chatbotId(),
                        account.id(),
                        account.type(),
                        contact,
                        body,
                        Lane.TRANSACTIONAL,
                        "test:" + UUID.randomUUID(),
                        Map.of(
                                "source",
                                "test_message",
                                "staffUserId",
                                user.id().value())))
                .orElseThrow();
        repository.insert(queued.outboundId(), organization, user.id(), queued.messageId());
        return new TestDelivery(queued.outboundId().value(), "queued", null, 0);
    }

    public TestDelivery status(OrganizationId organization, UUID deliveryId) {
        var message = repository
                .messageOf(organization, deliveryId)
                .orElseThrow(() -> new NotFoundException(
                        "test_delivery_not_found", "No test message with id '" + deliveryId + "'"));
        DeliveryView view = deliveries.forMessages(java.util.List.of(message)).get(message);
        if (view == null) {
            throw new NotFoundException("test_delivery_not_found", "No test message with id '" + deliveryId + "'");
        }
        return new TestDelivery(deliveryId, view.status().wireName(), view.errorCode(), view.attempts());
    }

    private static StaffUserId signedIn(OrganizationId organization, Caller actor) {
        if (actor == null || actor.type() != Caller.Type.USER || !organization.equals(actor.organizationId())) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "staffUserId is required unless a staff user of the organization is signed in");
        }
        return new StaffUserId(UUID.fromString(actor.id()));
    }

    private ChannelAccount account(OrganizationId organization, ChannelAccountId id) {
        if (id != null) {
            ChannelAccount account = accounts.get(id);
            if (!account.organizationId().equals(organization) || !phoneChannel(account)) {
                throw new NotFoundException(
                        "channel_not_found", "No channel account that reaches a phone with id '" + id + "'");
            }
            return account;
        }
        return chatbots.list(organization).stream()
                .map(Chatbot::id)
                .flatMap(bot -> accounts.list(bot).stream())
                .filter(this::phoneChannel)
                .min(Comparator.comparing(ChannelAccount::createdAt))
                .orElseThrow(() -> new InvalidRequestException(
                        "no_phone_channel",
                        "The organization has no channel account that reaches a phone to send a test message through"));
    }

    /** A channel that may write first to a phone number (the staff member's). */
    private boolean phoneChannel(ChannelAccount account) {
        return reach.addresses(account, ContactIdentity.PHONE)
                && channels.find(account.type())
                        .map(d -> d.capabilities().proactive())
                        .orElse(false);
    }
}
