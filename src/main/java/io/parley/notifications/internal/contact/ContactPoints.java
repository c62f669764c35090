package io.parley.notifications.internal.contact;

import io.parley.access.StaffUser;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.internal.StaffChannels;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A member of staff's contact points on every staff channel: the email channel reaches their account's email, a
 * chat channel the addresses linked with a one-time code ({@code staff_contact_points}), and a channel that keeps
 * its own (push subscriptions) lists them through {@link StaffChannel#addressesOf}.
 */
@Component
public class ContactPoints {
    static final String EMAIL = "email";
    private final JdbcClient jdbc;
    private final StaffChannels channels;
    private final Clock clock;

    ContactPoints(JdbcClient jdbc, StaffChannels channels, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.clock = clock;
    }

    /** The user's contact points on one channel (none for a disabled user). */
    public List<ContactPoint> of(OrganizationId organization, StaffUser user, StaffChannel channel) {
        List<ContactPoint> points = new ArrayList<>();
        if (user.disabled()) {
            return points;
        }
        if (channel.name().equals(EMAIL) && user.email() != null) {
            points.add(new ContactPoint(EMAIL, EMAIL, user.email(), null, "account"));
        }
        points.addAll(linked(organization, user, channel.name()));
        for (String address : channel.addressesOf(organization, user.id())) {
            points.add(new ContactPoint(address, channel.name(), address, null, "channel"));
        }
        return points;
    }

    /** On every channel of this Parley. */
    public List<ContactPoint> all(OrganizationId organization, StaffUser user) {
        List<ContactPoint> points = new ArrayList<>();
        channels.all().forEach(channel -> points.addAll(of(organization, user, channel)));
        return points;
    }

    /** Links a chat address (again: an address linked already keeps its row). */
    void link(OrganizationId organization, StaffUser user, String channel, String address, ChannelAccountId via) {
        jdbc.sql("""
                        insert into staff_contact_points (id, organization_id, staff_user_id, channel, address, via,
                            created_at)
                        values (:id, :org, :user, :channel, :address, :via, :at)
                        on conflict (staff_user_id, channel, address) do update set via = excluded.via""")
                .param("id", UUID.randomUUID())
                .param("org", organization.value())
                .param("user", user.id().value())
                .param("channel", channel)
                .param("address", address)
                .param("via", via == null ? null : via.value())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** Removes a linked address; false when the user has no such linked contact point. */
    public boolean unlink(OrganizationId organization, StaffUser user, String channel, UUID id) {
        return jdbc.sql("""
                        delete from staff_contact_points
                        where id = :id and organization_id = :org and staff_user_id = :user and channel = :channel""")
                        .param("id", id)
                        .param("org", organization.value())
                        .param("user", user.id().value())
                        .param("channel", channel)
                        .update()
                == 1;
    }

    private List<ContactPoint> linked(OrganizationId organization, StaffUser user, String channel) {
        return jdbc.sql("""
                        select id, address, via from staff_contact_points
                        where organization_id = :org and staff_user_id = :user and channel = :channel
                        order by created_at, id""")
                .param("org", organization.value())
                .param("user", user.id().value())
                .param("channel", channel)
                .query((rs, n) -> {
                    UUID via = rs.getObject("via", UUID.class);
                    return new ContactPoint(
                            rs.getObject("id", UUID.class).toString(),
                            channel,
                            rs.getString("address"),
                            via == null ? null : new ChannelAccountId(via),
                            "linked");
                })
                .list();
    }
}
