package io.parley.notifications.push;

import io.parley.access.StaffUserId;
import io.parley.delivery.SendOutcome;
import io.parley.notifications.RenderedNotification;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.StaffDelivery;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.Response;
import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code push} staff channel: a notification encrypted (RFC 8291) for one of the member's browser subscriptions
 * and POSTed to its push service with a VAPID token (RFC 8292), through the egress policy (the endpoint is tenant
 * input). The address is the subscription's id; a push service's 404 or 410 retires the subscription.
 */
@Component("push")
@EnableConfigurationProperties(PushProperties.class)
class WebPushChannel implements StaffChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebPushChannel.class);
    private static final EgressHttp.Timeouts TIMEOUTS =
            new EgressHttp.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    private static final String URGENCY = "normal";

    private final PushSubscriptionRepository subscriptions;
    private final VapidKeys vapidKeys;
    private final EgressHttp http;
    private final JsonMapper json;
    private final PushProperties properties;
    private final Clock clock;

    WebPushChannel(
            PushSubscriptionRepository subscriptions,
            VapidKeys vapidKeys,
            EgressHttp http,
            JsonMapper json,
            PushProperties properties,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.vapidKeys = vapidKeys;
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public List<String> addressesOf(OrganizationId organizationId, StaffUserId staffUserId) {
        return subscriptions.currentIds(organizationId, staffUserId);
    }

    @Override
    public SendOutcome send(StaffDelivery delivery) {
        try {
            return attempt(delivery);
        } catch (NotFoundException e) {
            return new SendOutcome.Rejected("push_organization_gone", "The organization no longer exists", false);
        } catch (RuntimeException e) {
            // A database hiccup or a bug: tried again within the delivery's retry budget, never thrown to the caller.
            LOG.warn("Push delivery {} failed unexpectedly: {}", delivery.deliveryId(), e.toString());
            return new SendOutcome.RetryLater("push_failed", "The push message could not be prepared", null);
        }
    }

    private SendOutcome attempt(StaffDelivery delivery) {
        Optional<PushSubscription> found = subscription(delivery);
        if (found.isEmpty() || !found.get().current()) {
            return gone();
        }
        PushSubscription subscription = found.get();
        Optional<byte[]> plaintext = payload(delivery.content(), delivery.deliveryId());
        if (plaintext.isEmpty()) {
            return new SendOutcome.Rejected(
                    "push_payload_too_large",
                    "The notification is larger than a push message holds (" + WebPushEncryption.MAX_PLAINTEXT
                            + " bytes) even with its body shortened",
                    false);
        }
        ECPublicKey browserKey = P256.publicKey(subscription.p256dh()).orElseThrow();
        Optional<byte[]> auth = subscriptions.authSecret(delivery.organizationId(), subscription.id());
        if (auth.isEmpty()) {
            return gone();
        }
        byte[] body = WebPushEncryption.encrypt(plaintext.get(), browserKey, auth.get());
        URI endpoint = URI.create(subscription.endpoint());
        KeyPair vapid = vapidKeys.keyPair(delivery.organizationId());
        String token = VapidTokens.token(json, vapid.getPrivate(), endpoint, properties.subject(), clock.instant());

        HttpPost request = new HttpPost(endpoint);
        request.setHeader("TTL", Long.toString(properties.ttl().toSeconds()));
        request.setHeader("Urgency", URGENCY);
        request.setHeader("Content-Encoding", "aes128gcm");
        request.setHeader(
                "Authorization",
                "vapid t=" + token + ", k=" + VapidTokens.encode(P256.encode((ECPublicKey) vapid.getPublic())));
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
        try {
            Response response = http.send(request, TIMEOUTS, EgressHttp.ERROR_BODY_LIMIT);
            if (PushResponses.gone(response.status())) {
                subscriptions.retire(delivery.organizationId(), subscription.id(), clock.instant());
            }
            return PushResponses.outcome(
                    response.status(), response.header("Location"), response.header("Retry-After"), clock);
        } catch (EgressRefusedException e) {
            return new SendOutcome.Rejected("push_endpoint_refused", e.getMessage(), false);
        } catch (IOException e) {
            // Push services report no status later: a lost answer is retried and a duplicate accepted (its tag
            // replaces the first one in the browser).
            LOG.debug("Push request for subscription {} failed: {}", subscription.id(), e.toString());
            return new SendOutcome.RetryLater("push_network", "The push service could not be reached", null);
        }
    }

    private static SendOutcome gone() {
        return new SendOutcome.Rejected(
                "push_subscription_gone", "The push subscription was removed or has expired", false);
    }

    private Optional<PushSubscription> subscription(StaffDelivery delivery) {
        try {
            return subscriptions.find(delivery.organizationId(), UUID.fromString(delivery.address()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The JSON the service worker reads; a body too long for one record is cut to fit, with an ellipsis. */
    private Optional<byte[]> payload(RenderedNotification content, UUID deliveryId) {
        String body = content.body() != null ? content.body() : content.text();
        byte[] whole = payload(content, deliveryId, body);
        if (whole.length <= WebPushEncryption.MAX_PLAINTEXT) {
            return Optional.of(whole);
        }
        if (body == null) {
            return Optional.empty();
        }
        // The longest prefix (in code points) that fits, by bisection.
        int fits = -1;
        int low = 0;
        int high = body.codePointCount(0, body.length()) - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (payload(content, deliveryId, shortened(body, middle)).length <= WebPushEncryption.MAX_PLAINTEXT) {
                fits = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return fits < 0 ? Optional.empty() : Optional.of(payload(content, deliveryId, shortened(body, fits)));
    }

    private byte[] payload(RenderedNotification content, UUID deliveryId, String body) {
        return json.writeValueAsBytes(new PushPayload(
                content.title() != null ? content.title() : content.subject(),
                body,
                content.icon(),
                content.badge(),
                content.url(),
                deliveryId.toString()));
    }

    private static String shortened(String body, int codePoints) {
        return body.substring(0, body.offsetByCodePoints(0, codePoints)) + "…";
    }
}
