package io.parley.channels.whatsapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.contacts.ContactIdentity;
import io.parley.conversation.Conversations;
import io.parley.conversation.InboundMessage;
import io.parley.conversation.Receipt;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryStatus;
import io.parley.delivery.StatusReport;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.tenancy.ChannelAccount;
import io.parley.platform.database.GroupCommit;
import io.parley.tenancy.ChannelAccounts;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates a webhook and stores everything in it in one transaction. The caller answers 200 only after this
 * returned, i.e. after the commit; an exception (the database is down) becomes a 5xx and Meta delivers again.
 */
@Component
class WhatsAppIngress {
    private static final Logger log = LoggerFactory.getLogger(WhatsAppIngress.class);
    private static final Set<String> NO_REPLY_TYPES = Set.of("reaction", "system", "unsupported");

    enum Result { ACCEPTED, UNAUTHENTICATED }

    private final WhatsAppPayloadParser parser;
    private final WhatsAppProperties properties;
    private final ChannelAccounts accounts;
    private final Conversations conversations;
    private final Deliveries deliveries;
    private final SystemEvents events;
    private final IngressEvents ingressEvents;
    private final WaInboundMedia media;
    private final GroupCommit groupCommit;
    private final Counter messagesReceived;
    private final Counter duplicatesReceived;
    private final WaTemplateStatuses templateStatuses;

    WhatsAppIngress(JsonMapper json, WhatsAppProperties properties, ChannelAccounts accounts,
                    Conversations conversations, Deliveries deliveries, SystemEvents events,
                    IngressEvents ingressEvents, WaInboundMedia media, TransactionTemplate transactions,
                    MeterRegistry meters, WaTemplateStatuses templateStatuses) {
        this.parser = new WhatsAppPayloadParser(json);
        this.properties = properties;
        this.accounts = accounts;
        this.conversations = conversations;
        this.deliveries = deliveries;
        this.events = events;
        this.ingressEvents = ingressEvents;
        this.media = media;
        this.groupCommit = new GroupCommit("whatsapp-ingest", transactions, properties.ingestWriters(),
                properties.ingestBatch());
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
        Map<String, ChannelAccount> known = knownAccounts(webhook);
        Map<String, ChannelAccount> trusted = properties.hasGlobalAppSecret() ? known
                : verifiedAccounts(known, signature.get(), body);
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
        int duplicates = groupCommit.execute(() -> store(webhook, trusted));
        messagesReceived.increment(webhook.messages().size());
        duplicatesReceived.increment(duplicates);
        // After the commit: its throttle must not swallow the event of a redelivery after a rollback.
        recordUnattributed(webhook, known);
        templateStatuses.apply(webhook.templateStatuses(), signature.get(), body);
        return Result.ACCEPTED;
    }

    private Map<String, ChannelAccount> knownAccounts(ParsedWebhook webhook) {
        Set<String> phoneNumberIds = new LinkedHashSet<>();
        webhook.messages().forEach(m -> phoneNumberIds.add(m.phoneNumberId()));
        webhook.statuses().forEach(s -> phoneNumberIds.add(s.phoneNumberId()));
        // A batch of only malformed parts is still attributed to (and authenticated against) its number.
        webhook.problems().stream().map(WaProblem::phoneNumberId).filter(java.util.Objects::nonNull)
                .forEach(phoneNumberIds::add);
        Map<String, ChannelAccount> known = new LinkedHashMap<>();
        for (String id : phoneNumberIds) {
            accounts.findWhatsApp(id).ifPresent(account -> known.put(id, account));
        }
        return known;
    }

    /** Each number may belong to a different Meta app; only numbers whose app secret signed this body count. */
    private Map<String, ChannelAccount> verifiedAccounts(Map<String, ChannelAccount> known, WebhookSignature signature,
                                                         byte[] body) {
        Map<String, ChannelAccount> verified = new LinkedHashMap<>();
        known.forEach((phoneNumberId, account) -> {
            String secret = accounts.whatsAppCredentials(account.id()).appSecret().reveal();
            if (signature.matches(body, secret)) {
                verified.put(phoneNumberId, account);
            }
        });
        return verified;
    }

    @PreDestroy
    void close() {
        groupCommit.close();
    }

    /** Stores the trusted parts of a webhook; returns how many of its messages were already stored. */
    private int store(ParsedWebhook webhook, Map<String, ChannelAccount> trusted) {
        int duplicates = 0;
        for (WaInboundMessage message : webhook.messages()) {
            ChannelAccount account = trusted.get(message.phoneNumberId());
            if (account == null) {
                continue;
            }
            Receipt receipt = conversations.receive(inbound(account, message));
            if (receipt.duplicate()) {
                duplicates++;
            }
            media.register(account, message, receipt);
        }
        for (WaStatusUpdate status : webhook.statuses()) {
            ChannelAccount account = trusted.get(status.phoneNumberId());
            if (account != null) {
                applyStatus(account, status);
            }
        }
        for (WaProblem problem : webhook.problems()) {
            ChannelAccount account = problem.phoneNumberId() == null ? null : trusted.get(problem.phoneNumberId());
            if (account == null && !properties.hasGlobalAppSecret()) {
                // Nobody vouched for this part: count it, but do not let unauthenticated bodies fill the table.
                ingressEvents.unattributedMalformedPart(problem.phoneNumberId(), problem.reason());
                continue;
            }
            events.record(SystemEvent.of(SystemEvent.Level.WARN, "whatsapp.malformed_part")
                    .organization(account == null ? null : account.organizationId())
                    .chatbot(account == null ? null : account.chatbotId())
                    .with("reason", problem.reason()).with("phoneNumberId", problem.phoneNumberId())
                    .with("fragment", problem.fragment()).build());
        }
        if (!webhook.ignoredFields().isEmpty()) {
            log.debug("Ignored webhook fields {}", webhook.ignoredFields());
        }
        return duplicates;
    }

    private void recordUnattributed(ParsedWebhook webhook, Map<String, ChannelAccount> known) {
        Map<String, int[]> unknown = new LinkedHashMap<>();
        Stream.concat(webhook.messages().stream().map(m -> Map.entry(m.phoneNumberId(), 0)),
                        webhook.statuses().stream().map(s -> Map.entry(s.phoneNumberId(), 1)))
                .filter(e -> !known.containsKey(e.getKey()))
                .forEach(e -> unknown.computeIfAbsent(e.getKey(), k -> new int[2])[e.getValue()]++);
        unknown.forEach((phoneNumberId, counts) -> ingressEvents.unknownPhoneNumber(phoneNumberId, counts[0], counts[1]));
    }

    private void applyStatus(ChannelAccount account, WaStatusUpdate status) {
        DeliveryStatus mapped = switch (status.status()) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read", "played" -> DeliveryStatus.READ;
            case "failed" -> DeliveryStatus.FAILED;
            default -> null;
        };
        if (mapped == null) {
            log.debug("Ignoring unknown status '{}'", status.status());
            return;
        }
        WaError error = status.errors().isEmpty() ? null : status.errors().getFirst();
        boolean known = deliveries.applyStatus(new StatusReport(account.id(), status.wamid(), status.callbackData(),
                mapped, error == null ? null : Integer.toString(error.code()),
                error == null ? null : error.details() != null ? error.details() : error.title(),
                error != null && GraphOutcomes.transientCode(error.code())));
        if (!known) {
            log.debug("Status for a message Parley did not send");
        }
    }

    private static InboundMessage inbound(ChannelAccount account, WaInboundMessage message) {
        List<ContactIdentity> identities = new ArrayList<>(2);
        if (message.waId() != null) {
            identities.add(new ContactIdentity(ContactIdentity.WA_ID, message.waId()));
        }
        if (message.userId() != null) {
            identities.add(new ContactIdentity(ContactIdentity.BSUID, message.userId()));
        }
        return new InboundMessage(account.organizationId(), account.chatbotId(), account.id(), "whatsapp",
                message.wamid(), identities, message.profileName(), message.type(), message.text(), message.details(),
                message.contextMessageId(), message.timestamp(), !NO_REPLY_TYPES.contains(message.type()));
    }
}
