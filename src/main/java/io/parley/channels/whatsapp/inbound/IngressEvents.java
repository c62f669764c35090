package io.parley.channels.whatsapp.inbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.channels.whatsapp.inbound.payload.WaProblem;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * System events about webhooks we could not attribute or authenticate. These come from requests that may not be
 * Meta's, so each kind is recorded at most once a minute per phone number id, and numbers nobody connected are
 * reported with one event per body however many it names: a flood cannot fill the table.
 */
@Component
class IngressEvents {
    static final int UNKNOWN_SAMPLE = 5;

    private final SystemEvents events;
    private final Cache<String, Boolean> recent;

    IngressEvents(SystemEvents events, Clock clock) {
        this.events = events;
        this.recent = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(1))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** Phone number ids a body named that no channel account has, with what the body carried for them. */
    record UnknownNumbers(List<String> phoneNumberIds, int messages, int statuses) {
        UnknownNumbers {
            phoneNumberIds = List.copyOf(phoneNumberIds);
        }
    }

    void signatureRejected(String reason, String phoneNumberId, OrganizationId organizationId) {
        recordThrottled(
                "whatsapp.signature_rejected",
                phoneNumberId,
                SystemEvent.of(SystemEvent.Level.WARN, "whatsapp.signature_rejected")
                        .organization(organizationId)
                        .with("reason", reason)
                        .with("phoneNumberId", phoneNumberId)
                        .build());
    }

    /**
     * One event for the whole body: the count, the first few ids as a sample, and {@code phoneNumberId} (the first)
     * for filtering. Recorded only if some id of it was not reported within the last minute.
     */
    void unknownPhoneNumbers(UnknownNumbers unknown) {
        List<String> ids = unknown.phoneNumberIds();
        if (ids.isEmpty()) {
            return;
        }
        boolean anyNew = false;
        for (String id : ids) {
            anyNew |= firstInAMinute("whatsapp.unknown_phone_number", id);
        }
        if (anyNew) {
            events.record(SystemEvent.of(SystemEvent.Level.WARN, "whatsapp.unknown_phone_number")
                    .with("phoneNumberId", ids.getFirst())
                    .with("numbers", ids.size())
                    .with("sample", ids.subList(0, Math.min(UNKNOWN_SAMPLE, ids.size())))
                    .with("messages", unknown.messages())
                    .with("statuses", unknown.statuses())
                    .build());
        }
    }

    /**
     * Malformed parts nobody vouched for (no trusted number, no global secret): one event per body, with the count,
     * the first part's reason and number, and a few distinct reasons; recorded only if some number (or "none") of
     * them was not reported within the last minute.
     */
    void unattributedMalformedParts(List<WaProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        boolean anyNew = false;
        for (WaProblem problem : problems) {
            anyNew |= firstInAMinute("whatsapp.malformed_part", problem.phoneNumberId());
        }
        if (anyNew) {
            WaProblem first = problems.getFirst();
            events.record(SystemEvent.of(SystemEvent.Level.WARN, "whatsapp.malformed_part")
                    .with("reason", first.reason())
                    .with("phoneNumberId", first.phoneNumberId())
                    .with("parts", problems.size())
                    .with(
                            "reasons",
                            problems.stream()
                                    .map(WaProblem::reason)
                                    .distinct()
                                    .limit(UNKNOWN_SAMPLE)
                                    .toList())
                    .with("authenticated", false)
                    .build());
        }
    }

    private void recordThrottled(String type, String phoneNumberId, SystemEvent event) {
        if (firstInAMinute(type, phoneNumberId)) {
            events.record(event);
        }
    }

    private boolean firstInAMinute(String type, String phoneNumberId) {
        return recent.asMap().putIfAbsent(type + "|" + phoneNumberId, Boolean.TRUE) == null;
    }
}
