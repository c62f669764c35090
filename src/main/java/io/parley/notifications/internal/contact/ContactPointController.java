package io.parley.notifications.internal.contact;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.access.StaffUser;
import io.parley.notifications.internal.Scope;
import io.parley.notifications.internal.StaffChannels;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A member of staff's contact points: list them, get a one-time link for a chat channel, unlink a chat address. A
 * member of staff manages their own; an admin anyone's in the organization.
 */
@RestController
@RequiresRole(Role.AGENT)
@RequestMapping("/api/v1/organizations/{orgId}/staff/{userId}/contact-points")
class ContactPointController {
    private final ContactPoints contactPoints;
    private final StaffLinksService links;
    private final StaffChannels channels;
    private final Scope scope;

    ContactPointController(ContactPoints contactPoints, StaffLinksService links, StaffChannels channels, Scope scope) {
        this.contactPoints = contactPoints;
        this.links = links;
        this.channels = channels;
        this.scope = scope;
    }

    @GetMapping
    List<ContactPoint> list(@PathVariable String orgId, @PathVariable String userId) {
        OrganizationId organization = scope.organization(orgId);
        StaffUser user = scope.manageable(organization, userId);
        return contactPoints.all(organization, user);
    }

    @PostMapping("/{channel}/link")
    @ResponseStatus(HttpStatus.CREATED)
    StaffLinksService.Link link(@PathVariable String orgId, @PathVariable String userId, @PathVariable String channel) {
        OrganizationId organization = scope.organization(orgId);
        StaffUser user = scope.manageable(organization, userId);
        return links.issue(organization, user, channel);
    }

    @DeleteMapping("/{channel}/{pointId}")
    ResponseEntity<Void> unlink(
            @PathVariable String orgId,
            @PathVariable String userId,
            @PathVariable String channel,
            @PathVariable("pointId") String id) {
        OrganizationId organization = scope.organization(orgId);
        StaffUser user = scope.manageable(organization, userId);
        channels.require(channel);
        UUID pointId;
        try {
            pointId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notRemovable(channel, id);
        }
        if (!contactPoints.unlink(organization, user, channel, pointId)) {
            throw new NotFoundException("contact_point_not_found", "No linked contact point '" + id + "'");
        }
        return ResponseEntity.noContent().build();
    }

    /** The account's email and points a channel keeps itself are not unlinked here. */
    private static RuntimeException notRemovable(String channel, String id) {
        if (id.equals(ContactPoints.EMAIL)) {
            return new InvalidRequestException(
                    "contact_point_not_removable",
                    "The staff user's email is their account's; change it on the user",
                    Map.of("channel", channel));
        }
        return new NotFoundException("contact_point_not_found", "No linked contact point");
    }
}
