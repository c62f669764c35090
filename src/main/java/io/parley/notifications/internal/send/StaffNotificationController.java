package io.parley.notifications.internal.send;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
import io.parley.notifications.internal.Scope;
import io.parley.outreach.TestMessages;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConflictException;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The owner's test notification ({@code /messaging/test}, admins and owners; a request without {@code channel} is
 * the WhatsApp test message of ADR 23, which {@code outreach} sends) and the organization's staff
 * notifications ({@code /staff-notifications}: list by status, replay a dead one).
 */
@RestController
@RequiresRole(Role.ADMIN)
class StaffNotificationController {
    private static final Set<String> STATUSES = Set.of("queued", "sent", "dead");

    private final TestNotifications tests;
    private final TestMessages phoneTests;
    private final NotificationRepository notifications;
    private final NotificationQueue queue;
    private final Scope scope;
    private final JsonMapper json;
    private final Clock clock;

    StaffNotificationController(
            TestNotifications tests,
            TestMessages phoneTests,
            NotificationRepository notifications,
            NotificationQueue queue,
            Scope scope,
            JsonMapper json,
            Clock clock) {
        this.json = json;
        this.tests = tests;
        this.phoneTests = phoneTests;
        this.notifications = notifications;
        this.queue = queue;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * With {@code channel}: a staff notification (issue 17). Without it: the WhatsApp test message of ADR 23
     * ({@code channelAccountId}, {@code text}), which {@link TestMessages} sends as before.
     */
    record TestRequest(
            String staffUserId,
            String channel,
            String template,
            Map<String, Object> variables,
            String channelAccountId,
            String text) {}

    record Accepted(UUID deliveryId, String status) {}

    /** A notification as the API shows it; {@code deliveryTimeMs} from the request to the provider's acceptance. */
    record View(
            UUID deliveryId,
            String status,
            String channel,
            Long deliveryTimeMs,
            UUID staffUserId,
            String template,
            boolean test,
            Long eventId,
            int attempts,
            String error,
            Instant requestedAt,
            Instant sentAt) {
        static View of(NotificationRow r) {
            return new View(
                    r.id(),
                    r.status(),
                    r.channel(),
                    r.deliveryTimeMs(),
                    r.staffUserId().value(),
                    r.template(),
                    r.test(),
                    r.eventId(),
                    r.attempts(),
                    r.lastError(),
                    r.requestedAt(),
                    r.sentAt());
        }
    }

    @PostMapping("/api/v1/organizations/{orgId}/messaging/test")
    ResponseEntity<?> test(@PathVariable String orgId, @RequestBody(required = false) TestRequest body) {
        OrganizationId organization = scope.organization(orgId);
        if (body == null || body.channel() == null) {
            return ResponseEntity.accepted().body(phoneTest(organization, body));
        }
        if (body.staffUserId() == null) {
            throw new InvalidRequestException(
                    "validation_failed", "staffUserId is required", Map.of("field", "staffUserId"));
        }
        StaffUser user = scope.staffUser(organization, body.staffUserId());
        UUID id = tests.send(organization, user, body.channel(), body.template(), body.variables());
        return ResponseEntity.accepted().body(new Accepted(id, "queued"));
    }

    /**
     * The test notification; {@code deliveryTimeMs} is present as null until the provider accepted it. An id of a
     * WhatsApp test message (ADR 23) answers that message's delivery.
     */
    @GetMapping("/api/v1/organizations/{orgId}/messaging/test/{testDeliveryId}")
    Object testStatus(@PathVariable String orgId, @PathVariable("testDeliveryId") String deliveryId) {
        OrganizationId organization = scope.organization(orgId);
        UUID id = Ids.parse(deliveryId, "test_delivery", Function.identity());
        Optional<View> found = notifications
                .find(organization, id)
                .filter(NotificationRow::test)
                .map(View::of);
        if (found.isEmpty()) {
            return phoneTests.status(organization, id);
        }
        View view = found.get();
        ObjectNode node = json.valueToTree(view);
        if (view.deliveryTimeMs() == null) {
            node.putNull("deliveryTimeMs");
        }
        return node;
    }

    /** Newest first, at most 200; {@code status} one of queued, sent, dead. */
    @GetMapping("/api/v1/organizations/{orgId}/staff-notifications")
    List<View> list(@PathVariable String orgId, @RequestParam(required = false) String status) {
        OrganizationId organization = scope.organization(orgId);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException(
                    "validation_failed", "status must be one of queued, sent, dead", Map.of("field", "status"));
        }
        return notifications.list(organization, status, 200).stream()
                .map(View::of)
                .toList();
    }

    /** A dead notification back to queued with a fresh retry budget (409 when it is not dead). */
    @PostMapping("/api/v1/organizations/{orgId}/staff-notifications/{notificationId}/replay")
    @Transactional
    ResponseEntity<View> replay(@PathVariable String orgId, @PathVariable("notificationId") String deliveryId) {
        OrganizationId organization = scope.organization(orgId);
        UUID id = Ids.parse(deliveryId, "staff_notification", Function.identity());
        NotificationRow row = notifications.find(organization, id).orElseThrow(() -> notFound(deliveryId));
        if (!notifications.revive(organization, id)) {
            throw new ConflictException(
                    "staff_notification_not_dead",
                    "Only a dead notification can be replayed; this one is " + row.status());
        }
        queue.schedule(id, clock.instant());
        return ResponseEntity.accepted()
                .body(View.of(notifications.find(organization, id).orElseThrow()));
    }

    private TestMessages.TestDelivery phoneTest(OrganizationId organization, TestRequest body) {
        TestRequest request = body == null ? new TestRequest(null, null, null, null, null, null) : body;
        return phoneTests.send(
                organization,
                request.staffUserId() == null ? null : Ids.parse(request.staffUserId(), "staff_user", StaffUserId::new),
                request.channelAccountId() == null
                        ? null
                        : Ids.parse(request.channelAccountId(), "channel", ChannelAccountId::new),
                request.text(),
                Caller.current().orElse(null));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("staff_notification_not_found", "No staff notification '" + id + "'");
    }
}
