package io.parley.notifications.internal.contact;

import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.StaffLinks;
import io.parley.notifications.internal.StaffChannels;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues link codes ({@link #issue}) and redeems them for chat channels ({@link StaffLinks}): a code is taken once,
 * and every refusal (unknown, used, expired, meant for another channel or organization, a disabled user) gets the
 * same answer, so a guesser learns nothing.
 */
@Service
public class StaffLinksService implements StaffLinks {
    static final String REFUSED =
            "This code is not valid (it may have expired or been used). Ask for a new link in Parley.";

    /** A new link: the code, the channel's link for it and when the code expires. */
    public record Link(String code, String url, java.time.Instant expiresAt) {}

    private final LinkCodes codes;
    private final ContactPoints contactPoints;
    private final StaffUsers staffUsers;
    private final StaffChannels channels;

    StaffLinksService(LinkCodes codes, ContactPoints contactPoints, StaffUsers staffUsers, StaffChannels channels) {
        this.codes = codes;
        this.contactPoints = contactPoints;
        this.staffUsers = staffUsers;
        this.channels = channels;
    }

    /** A code for {@code user} on {@code channelName}: a 400 when the channel cannot link for this organization. */
    @Transactional
    public Link issue(OrganizationId organization, StaffUser user, String channelName) {
        StaffChannel channel = channels.require(channelName);
        String code = LinkCodes.newCode();
        Optional<io.parley.notifications.StaffLink> link = channel.linkFor(organization, code);
        if (link.isEmpty()) {
            throw new InvalidRequestException(
                    "staff_channel_cannot_link",
                    "Channel " + channelName + " has nothing to link through for this organization",
                    Map.of("channel", channelName));
        }
        LinkCodes.Issued issued = codes.store(organization, user, channel.name(), code);
        return new Link(code, link.get().url(), issued.expiresAt());
    }

    @Override
    @Transactional
    public Redemption redeem(
            String channel, OrganizationId organizationId, ChannelAccountId via, String address, String code) {
        if (channel == null || organizationId == null || address == null || address.isBlank()) {
            return new Redemption.Refused(REFUSED);
        }
        Optional<StaffUserId> userId = codes.use(organizationId, channel, code == null ? null : code.trim());
        if (userId.isEmpty()) {
            return new Redemption.Refused(REFUSED);
        }
        StaffUser user;
        try {
            user = staffUsers.get(organizationId, userId.get());
        } catch (NotFoundException e) {
            return new Redemption.Refused(REFUSED);
        }
        if (user.disabled()) {
            return new Redemption.Refused(REFUSED);
        }
        contactPoints.link(organizationId, user, channel, address, via);
        return new Redemption.Linked(
                user.name(), "Linked: " + user.name() + ". Parley will send your notifications here.");
    }
}
