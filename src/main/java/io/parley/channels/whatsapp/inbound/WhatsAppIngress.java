package io.parley.channels.whatsapp.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.channels.whatsapp.WhatsAppProperties;
import io.parley.channels.whatsapp.inbound.payload.ParsedWebhook;
import io.parley.channels.whatsapp.inbound.payload.WaInboundMessage;
import io.parley.channels.whatsapp.inbound.payload.WaProblem;
import io.parley.channels.whatsapp.inbound.payload.WaStatusUpdate;
import io.parley.channels.whatsapp.inbound.payload.WhatsAppPayloadParser;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates a webhook and has {@link WebhookStore} store everything in it. The caller answers 200 only after
 * this returned, i.e. after the commit; an exception (the database is down) becomes a 5xx and Meta delivers again.
 */
@Component
class WhatsAppIngress {
    private static final Logger log = LoggerFactory.getLogger(WhatsAppIngress.class);

    enum Result {
        ACCEPTED,
        UNAUTHENTICATED
    }

    private final WhatsAppPayloadParser parser;
    private final WhatsAppProperties properties;
    private final ChannelAccounts accounts;
    private final WebhookStore store;
    private final IngressEvents ingressEvents;
    private final Counter messagesReceived;
    private final Counter duplicatesReceived;
    private final WaTemplateStatuses templateStatuses;

    WhatsAppIngress(
            JsonMapper json,
            WhatsAppProperties properties,
            ChannelAccounts accounts,
            WebhookStore store,
            IngressEvents ingressEvents,
            MeterRegistry meters,
            WaTemplateStatuses templateStatuses) {
        this.parser = new WhatsAppPayloadParser(json);
        this.properties = properties;
        this.accounts = accounts;
        this.store = store;
        this.ingressEvents = ingressEvents;
        this.messagesReceived = meters.counter("parley.webhook.messages", "channel", "whatsapp");
        this.duplicatesReceived = meters.counter("parley.webhook.duplicates", "channel", "whatsapp");
        this.templateStatuses = templateStatuses;
    }

    Result receive(byte[] body, String signatureHeader) {
        Optional<WebhookSignature> signature = WebhookSignature.parse(signatureHeader);
        if (signature.isEmpty()) {
            ingressEvents.signatureRejected(signatureHeader == null ? "missing" : "malformed", null, null);
            return Result.UNAUTHENTICATED;
        }
        if (properties.hasGlobalAppSecret() && !signature.get().matches(body, properties.appSecret())) {
            ingressEvents.signatureRejected("mismatch", null, null);
            return Result.UNAUTHENTICATED;
        }
        ParsedWebhook webhook = parser.parse(body);
        // One batched, cached look-up for every number the body names: it may name thousands nobody connected.
        Map<String, ChannelAccount> known = accounts.findWhatsApp(phoneNumberIds(webhook));
        Map<String, ChannelAccount> trusted =
                properties.hasGlobalAppSecret() ? known : verifiedAccounts(known, signature.get(), body);
        // A number whose secret did not sign is dropped even when others in the batch are stored: tell its tenant,
        // or a wrong app secret loses its messages without a trace (the POST is still acknowledged for the others).
        known.forEach((phoneNumberId, account) -> {
            if (!trusted.containsKey(phoneNumberId)) {
                ingressEvents.signatureRejected("mismatch", phoneNumberId, account.organizationId());
            }
        });
        if (!known.isEmpty() && trusted.isEmpty()) {
            return Result.UNAUTHENTICATED;
        }
        // Concurrent webhooks share a transaction and its commit; this returns after that commit (ADR 0020).
        int duplicates = store.store(webhook, trusted);
        messagesReceived.increment(webhook.messages().size());
        duplicatesReceived.increment(duplicates);
        // After the commit: its throttle must not swallow the event of a redelivery after a rollback.
        recordUnattributed(webhook, known, trusted);
        templateStatuses.apply(webhook.templateStatuses(), signature.get(), body);
        if (!webhook.ignoredFields().isEmpty()) {
            log.debug("Ignored webhook fields {}", webhook.ignoredFields());
        }
        return Result.ACCEPTED;
    }

    private static Set<String> phoneNumberIds(ParsedWebhook webhook) {
        Set<String> phoneNumberIds = new LinkedHashSet<>();
        webhook.messages().forEach(m -> phoneNumberIds.add(m.phoneNumberId()));
        webhook.statuses().forEach(s -> phoneNumberIds.add(s.phoneNumberId()));
        // A batch of only malformed parts is still attributed to (and authenticated against) its number.
        webhook.problems().stream()
                .map(WaProblem::phoneNumberId)
                .filter(Objects::nonNull)
                .forEach(phoneNumberIds::add);
        return phoneNumberIds;
    }

    /** Each number may belong to a different Meta app; only numbers whose app secret signed this body count. */
    private Map<String, ChannelAccount> verifiedAccounts(
            Map<String, ChannelAccount> known, WebhookSignature signature, byte[] body) {
        Map<String, ChannelAccount> verified = new LinkedHashMap<>();
        known.forEach((phoneNumberId, account) -> {
            String secret =
                    accounts.whatsAppCredentials(account.id()).appSecret().reveal();
            if (signature.matches(body, secret)) {
                verified.put(phoneNumberId, account);
            }
        });
        return verified;
    }

    /** Numbers nobody connected, and malformed parts nobody vouched for: one throttled event each per body. */
    private void recordUnattributed(
            ParsedWebhook webhook, Map<String, ChannelAccount> known, Map<String, ChannelAccount> trusted) {
        Set<String> unknown = new LinkedHashSet<>();
        int messages = 0;
        int statuses = 0;
        for (WaInboundMessage message : webhook.messages()) {
            if (!known.containsKey(message.phoneNumberId())) {
                unknown.add(message.phoneNumberId());
                messages++;
            }
        }
        for (WaStatusUpdate status : webhook.statuses()) {
            if (!known.containsKey(status.phoneNumberId())) {
                unknown.add(status.phoneNumberId());
                statuses++;
            }
        }
        ingressEvents.unknownPhoneNumbers(new IngressEvents.UnknownNumbers(List.copyOf(unknown), messages, statuses));
        if (!properties.hasGlobalAppSecret()) {
            List<WaProblem> unattributed = new ArrayList<>();
            for (WaProblem problem : webhook.problems()) {
                if (problem.phoneNumberId() == null || !trusted.containsKey(problem.phoneNumberId())) {
                    unattributed.add(problem);
                }
            }
            ingressEvents.unattributedMalformedParts(unattributed);
        }
    }
}
