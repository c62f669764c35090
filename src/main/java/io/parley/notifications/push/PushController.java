package io.parley.notifications.push;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.platform.UnauthorizedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/organizations/{orgId}/push}: the organization's VAPID public key (what a browser subscribes with)
 * and staff members' push subscriptions (docs/push.md). Every member may call them; who may act for whom is
 * {@link PushSubscriptions}'s rule. A listing never shows the endpoint's path or the keys.
 */
@RestController
@RequiresRole(Role.AGENT)
@RequestMapping("/api/v1/organizations/{orgId}/push")
class PushController {
    private final VapidKeys vapidKeys;
    private final PushSubscriptions subscriptions;

    PushController(VapidKeys vapidKeys, PushSubscriptions subscriptions) {
        this.vapidKeys = vapidKeys;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/public-key")
    Map<String, String> publicKey(@PathVariable String orgId) {
        return Map.of("publicKey", vapidKeys.publicKey(organization(orgId)));
    }

    @PostMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> subscribe(
            @PathVariable String orgId, @RequestBody(required = false) PushSubscriptions.SubscriptionRequest body) {
        PushSubscriptions.Subscribed stored = subscriptions.subscribe(organization(orgId), caller(), body);
        return ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(view(stored.subscription()));
    }

    @GetMapping("/subscriptions")
    Map<String, Object> list(@PathVariable String orgId, @RequestParam(required = false) String staffUserId) {
        List<Map<String, Object>> items = subscriptions.list(organization(orgId), caller(), staffUserId).stream()
                .map(PushController::view)
                .toList();
        return Map.of("items", items);
    }

    @DeleteMapping("/subscriptions/{subscriptionId}")
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String subscriptionId) {
        subscriptions.delete(organization(orgId), caller(), subscriptionId);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> view(PushSubscription subscription) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", subscription.id().toString());
        view.put("staffUserId", subscription.staffUserId().toString());
        view.put("endpointOrigin", VapidTokens.origin(java.net.URI.create(subscription.endpoint())));
        view.put("expirationTime", subscription.expirationTime());
        view.put("createdAt", subscription.createdAt());
        view.put("updatedAt", subscription.updatedAt());
        view.put("expiredAt", subscription.expiredAt());
        return view;
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new UnauthorizedException("unauthorized", "Authentication required"));
    }

    private static OrganizationId organization(String orgId) {
        return Ids.parse(orgId, "organization", OrganizationId::new);
    }
}
