package io.parley.channels.client;

import io.parley.conversation.Conversations;
import io.parley.delivery.ChannelSender;
import io.parley.delivery.Deliveries;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import io.parley.platform.MessageId;
import io.parley.platform.NotFoundException;
import io.parley.platform.channel.Channels;
import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers to an {@code api} channel: messages its backend did not get in a response (a human agent's reply,
 * proactive sends, broadcasts, a bot reply that came after the request stopped waiting) are POSTed to its
 * {@code callbackUrl} through the egress client, signed {@code X-Parley-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
 * "t.body">} with the channel's signing secret. Retries, dead letters and replay are the delivery bus's; the
 * receiver dedupes by {@code X-Parley-Delivery}.
 */
@Component
class ApiCallbackSender implements ChannelSender {
    private static final Logger log = LoggerFactory.getLogger(ApiCallbackSender.class);

    private final ClientChannelStore channels;
    private final ClientRequestStore requests;
    private final Deliveries deliveries;
    private final Conversations conversations;
    private final EgressHttp http;
    private final ClientProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final Channels definitions;

    ApiCallbackSender(
            ClientChannelStore channels,
            ClientRequestStore requests,
            Deliveries deliveries,
            Conversations conversations,
            EgressHttp http,
            ClientProperties properties,
            Clock clock,
            JsonMapper json,
            Channels definitions) {
        this.channels = channels;
        this.requests = requests;
        this.deliveries = deliveries;
        this.conversations = conversations;
        this.http = http;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.definitions = definitions;
    }

    @Override
    public io.parley.platform.channel.ChannelType channel() {
        return ClientTypes.API;
    }

    @Override
    public SendOutcome send(OutboundEnvelope envelope) {
        Optional<SendOutcome> unsupported =
                SendOutcome.unsupported(envelope.content(), definitions.capabilities(ClientTypes.API));
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        Optional<ClientChannel> found = channels.find(envelope.channelAccountId());
        if (found.isEmpty()) {
            return new SendOutcome.Rejected("channel_removed", "The api channel no longer exists", false);
        }
        ClientChannel channel = found.get();
        Optional<Deliveries.Origin> origin = deliveries.origin(envelope.id());
        if (origin.isPresent()) {
            Optional<SendOutcome> answered =
                    answeredInResponse(envelope, origin.get().messageId());
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        if (channel.callbackUrl() == null) {
            return new SendOutcome.Rejected(
                    "callback_not_configured",
                    "The api channel has no callbackUrl; set one and replay the dead letter",
                    false);
        }
        String body = json.writeValueAsString(payload(envelope, origin));
        long timestamp = clock.instant().getEpochSecond();
        String signature = "t=" + timestamp + ",v1="
                + ClientKeys.hmacHex(channel.signingSecret().reveal(), timestamp + "." + body);
        HttpPost request = new HttpPost(URI.create(channel.callbackUrl()));
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        request.setHeader("X-Parley-Signature", signature);
        request.setHeader("X-Parley-Delivery", envelope.id().toString());
        try {
            Response response = http.send(request, EgressHttp.Timeouts.of(properties.callbackTimeout()), 4096);
            return CallbackOutcomes.of(
                    response.status(),
                    response.header("Retry-After").orElse(null),
                    envelope.id().toString());
        } catch (EgressRefusedException e) {
            return new SendOutcome.Rejected("egress_refused", "callbackUrl is refused by the egress policy", true);
        } catch (IOException e) {
            log.info("Callback unreachable: {}", e.getClass().getSimpleName());
            return new SendOutcome.RetryLater(
                    "callback_unreachable", e.getClass().getSimpleName(), null);
        }
    }

    /**
     * A bot reply whose request got it in the response needs no callback; while that request still waits, the
     * callback waits too (not counted as a failed attempt).
     */
    private Optional<SendOutcome> answeredInResponse(OutboundEnvelope envelope, MessageId message) {
        List<ClientRequestStore.Row> rows = requests.findByMessages(conversations.answeredWith(message));
        if (rows.stream().anyMatch(row -> row.done() && row.inResponse())) {
            return Optional.of(new SendOutcome.Sent("in-response:" + envelope.id()));
        }
        Instant now = clock.instant();
        return rows.stream()
                .filter(row -> !row.done()
                        && row.waitingUntil() != null
                        && row.waitingUntil().isAfter(now))
                .findFirst()
                .map(row -> new SendOutcome.RetryLater(
                        "request_waiting",
                        "The request is still waiting for it",
                        min(Duration.between(now, row.waitingUntil()).plusMillis(200), Duration.ofSeconds(1)),
                        true));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private Map<String, Object> payload(OutboundEnvelope envelope, Optional<Deliveries.Origin> origin) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "message");
        payload.put("deliveryId", envelope.id().value());
        origin.ifPresent(o -> {
            payload.put("messageId", o.messageId().value());
            payload.put("conversationId", o.conversationId().value());
            try {
                var conversation = conversations.get(o.conversationId());
                if (conversation.contact() != null) {
                    payload.put("contactId", conversation.contact().id().value());
                }
            } catch (NotFoundException e) {
                // deleted meanwhile: the ids above still identify it
            }
        });
        payload.put("text", envelope.text());
        payload.put("sentAt", clock.instant());
        return payload;
    }
}
