package io.parley.channels.whatsapp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * System events about webhooks we could not attribute or authenticate. These come from requests that may not be
 * Meta's, so each kind is recorded at most once a minute per phone number id: a flood cannot fill the table.
 */
@Component
class IngressEvents {
    private final SystemEvents events;
    private final Cache<String, Boolean> recent = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    IngressEvents(SystemEvents events) {
        this.events = events;
    }

    void signatureRejected(String reason, String phoneNumberId, io.parley.platform.OrganizationId organizationId) {
        recordThrottled("whatsapp.signature_rejected", phoneNumberId, SystemEvent.of(SystemEvent.Level.WARN,
                "whatsapp.signature_rejected").organization(organizationId).with("reason", reason)
                .with("phoneNumberId", phoneNumberId).build());
    }

    void unknownPhoneNumber(String phoneNumberId, int messages, int statuses) {
        recordThrottled("whatsapp.unknown_phone_number", phoneNumberId, SystemEvent.of(SystemEvent.Level.WARN,
                "whatsapp.unknown_phone_number").with("phoneNumberId", phoneNumberId).with("messages", messages)
                .with("statuses", statuses).build());
    }

    void unattributedMalformedPart(String phoneNumberId, String reason) {
        recordThrottled("whatsapp.malformed_part", phoneNumberId, SystemEvent.of(SystemEvent.Level.WARN,
                "whatsapp.malformed_part").with("reason", reason).with("phoneNumberId", phoneNumberId)
                .with("authenticated", false).build());
    }

    private void recordThrottled(String type, String phoneNumberId, SystemEvent event) {
        String key = type + "|" + phoneNumberId;
        if (recent.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
            events.record(event);
        }
    }
}
