package io.parley.channels.whatsapp.inbound;

import io.parley.channels.whatsapp.WhatsAppProperties;
import io.parley.channels.whatsapp.graph.GraphOutcomes;
import io.parley.channels.whatsapp.graph.WaError;
import io.parley.channels.whatsapp.inbound.payload.ParsedWebhook;
import io.parley.channels.whatsapp.inbound.payload.WaInboundMessage;
import io.parley.channels.whatsapp.inbound.payload.WaProblem;
import io.parley.channels.whatsapp.inbound.payload.WaStatusUpdate;
import io.parley.contacts.ContactIdentity;
import io.parley.conversation.Conversations;
import io.parley.conversation.InboundMessage;
import io.parley.conversation.Receipt;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryStatus;
import io.parley.delivery.StatusReport;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.database.GroupCommit;
import io.parley.tenancy.ChannelAccount;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the trusted parts of a webhook: all of them in one (group-committed) transaction, and returns after the
 * commit (ADR 5, ADR 20). If PostgreSQL refuses the data of some part ({@link UnstorableData}), every part is stored
 * again on its own, so one bad message never loses the others; the refused part is recorded as a
 * {@code whatsapp.part_not_stored} event and the webhook is still acknowledged, as a redelivery would fail the same
 * way. Any other failure (the database is down) propagates, so Meta gets a 5xx and delivers again.
 */
@Component
class WebhookStore {
    private static final Logger log = LoggerFactory.getLogger(WebhookStore.class);
    private static final Set<String> NO_REPLY_TYPES = Set.of("reaction", "system", "unsupported");

    /** One unit that is stored or refused as a whole; {@code write} answers whether it was a duplicate. */
    private record Part(
            String kind, ChannelAccount account, String phoneNumberId, String providerId, BooleanSupplier write) {}

    private final Conversations conversations;
    private final Deliveries deliveries;
    private final SystemEvents events;
    private final WaInboundMedia media;
    private final WhatsAppProperties properties;
    private final GroupCommit groupCommit;

    WebhookStore(
            Conversations conversations,
            Deliveries deliveries,
            SystemEvents events,
            WaInboundMedia media,
            WhatsAppProperties properties,
            TransactionTemplate transactions) {
        this.conversations = conversations;
        this.deliveries = deliveries;
        this.events = events;
        this.media = media;
        this.properties = properties;
        this.groupCommit =
                new GroupCommit("whatsapp-ingest", transactions, properties.ingestWriters(), properties.ingestBatch());
    }

    /** Stores what {@code trusted} numbers sent; returns how many of the messages were already stored. */
    int store(ParsedWebhook webhook, Map<String, ChannelAccount> trusted) {
        List<Part> parts = parts(webhook, trusted);
        if (parts.isEmpty()) {
            return 0;
        }
        try {
            return groupCommit.execute(() -> writeAll(parts));
        } catch (RuntimeException e) {
            if (!UnstorableData.causedBy(e)) {
                throw e;
            }
            log.warn(
                    "A webhook part was refused by the database ({}); storing its parts one by one",
                    UnstorableData.reason(e));
            return writeEachAlone(parts);
        }
    }

    @PreDestroy
    void close() {
        groupCommit.close();
    }

    private List<Part> parts(ParsedWebhook webhook, Map<String, ChannelAccount> trusted) {
        List<Part> parts = new ArrayList<>();
        for (WaInboundMessage message : webhook.messages()) {
            ChannelAccount account = trusted.get(message.phoneNumberId());
            if (account != null) {
                parts.add(new Part(
                        "message", account, message.phoneNumberId(), message.wamid(), () -> receive(account, message)));
            }
        }
        for (WaStatusUpdate status : webhook.statuses()) {
            ChannelAccount account = trusted.get(status.phoneNumberId());
            if (account != null) {
                parts.add(new Part("status", account, status.phoneNumberId(), status.wamid(), () -> {
                    applyStatus(account, status);
                    return false;
                }));
            }
        }
        for (WaProblem problem : webhook.problems()) {
            ChannelAccount account = problem.phoneNumberId() == null ? null : trusted.get(problem.phoneNumberId());
            // Nobody vouched for this part: the ingress reports it, throttled, after the commit.
            if (account != null || properties.hasGlobalAppSecret()) {
                parts.add(new Part("problem", account, problem.phoneNumberId(), null, () -> {
                    recordProblem(account, problem);
                    return false;
                }));
            }
        }
        return parts;
    }

    private static int writeAll(List<Part> parts) {
        int duplicates = 0;
        for (Part part : parts) {
            duplicates += part.write().getAsBoolean() ? 1 : 0;
        }
        return duplicates;
    }

    /** After a refusal: each part in a transaction of its own; a refused one is reported, the rest stored. */
    private int writeEachAlone(List<Part> parts) {
        int duplicates = 0;
        for (Part part : parts) {
            try {
                duplicates += groupCommit.execute(() -> part.write().getAsBoolean()) ? 1 : 0;
            } catch (RuntimeException e) {
                if (!UnstorableData.causedBy(e)) {
                    throw e;
                }
                notStored(part, UnstorableData.reason(e));
            }
        }
        return duplicates;
    }

    private void notStored(Part part, String reason) {
        ChannelAccount account = part.account();
        events.record(SystemEvent.of(SystemEvent.Level.ERROR, "whatsapp.part_not_stored")
                .organization(account == null ? null : account.organizationId())
                .chatbot(account == null ? null : account.chatbotId())
                .with("part", part.kind())
                .with("phoneNumberId", part.phoneNumberId())
                .with("providerId", part.providerId())
                .with("reason", reason)
                .build());
    }

    private boolean receive(ChannelAccount account, WaInboundMessage message) {
        Receipt receipt = conversations.receive(inbound(account, message));
        media.register(account, message, receipt);
        return receipt.duplicate();
    }

    private void recordProblem(ChannelAccount account, WaProblem problem) {
        events.record(SystemEvent.of(SystemEvent.Level.WARN, "whatsapp.malformed_part")
                .organization(account == null ? null : account.organizationId())
                .chatbot(account == null ? null : account.chatbotId())
                .with("reason", problem.reason())
                .with("phoneNumberId", problem.phoneNumberId())
                .with("fragment", problem.fragment())
                .build());
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
        boolean known = deliveries.applyStatus(new StatusReport(
                account.id(),
                status.wamid(),
                status.callbackData(),
                mapped,
                error == null ? null : Integer.toString(error.code()),
                error == null ? null : error.details() != null ? error.details() : error.title(),
                error != null && GraphOutcomes.transientCode(error.code())));
        if (!known) {
            log.debug("Status for a message Parley did not send");
        }
    }

    private static InboundMessage inbound(ChannelAccount account, WaInboundMessage message) {
        List<ContactIdentity> identities = new ArrayList<>(2);
        if (message.waId() != null) {
            identities.add(ContactIdentity.whatsApp(message.waId()));
        }
        if (message.userId() != null) {
            identities.add(new ContactIdentity(ContactIdentity.BSUID, message.userId()));
        }
        return new InboundMessage(
                account.organizationId(),
                account.chatbotId(),
                account.id(),
                ChannelType.WHATSAPP,
                message.wamid(),
                identities,
                message.profileName(),
                message.type(),
                message.text(),
                message.details(),
                message.contextMessageId(),
                message.timestamp(),
                !NO_REPLY_TYPES.contains(message.type()));
    }
}
