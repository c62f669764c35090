package io.parley.tenancy;

import io.parley.platform.ChatbotId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.tenancy.internal.ChatbotPilotRepository;
import io.parley.tenancy.internal.ChatbotRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each chatbot's pilot mode ({@code PUT /api/v1/chatbots/{botId}/pilot}, issue 16): an allowlist of contact
 * addresses that, while enabled, are the only ones the chatbot answers and writes to. Read by every turn and every
 * send, so cached per node and forgotten with the chatbot's other settings (ADR 50).
 */
@Service
public class ChatbotPilots {
    private final ChatbotPilotRepository repository;
    private final Chatbots chatbots;
    private final Clock clock;
    private final SharedCache<ChatbotId, PilotMode> cache;

    ChatbotPilots(ChatbotPilotRepository repository, Chatbots chatbots, Clock clock, ChangeNotices notices) {
        this.repository = repository;
        this.chatbots = chatbots;
        this.clock = clock;
        this.cache = notices.cache(ChatbotRepository.TOPIC, "chatbot-pilots");
    }

    /** The chatbot's pilot mode ({@link PilotMode#OFF} when never set, or when the chatbot is gone). */
    public PilotMode of(ChatbotId id) {
        return chatbots.find(id)
                .map(bot -> cache.get(
                        id, key -> repository.find(bot.organizationId(), key).orElse(PilotMode.OFF)))
                .orElse(PilotMode.OFF);
    }

    /** As {@link #of}, for the API: an unknown chatbot is a 404. */
    public PilotMode get(ChatbotId id) {
        chatbots.get(id);
        return of(id);
    }

    /**
     * Stores the chatbot's pilot mode and returns it as stored.
     *
     * @param allow the allowed addresses (at most {@value PilotMode#MAX_ENTRIES}; duplicates after normalizing are
     *              kept once); null keeps the stored list
     */
    @Transactional
    public PilotMode change(ChatbotId id, boolean enabled, List<String> allow) {
        Chatbot chatbot = chatbots.get(id);
        List<String> addresses = allow == null
                ? repository
                        .find(chatbot.organizationId(), id)
                        .orElse(PilotMode.OFF)
                        .allow()
                : addresses(allow);
        PilotMode pilot = new PilotMode(enabled, addresses);
        repository.save(chatbot.organizationId(), id, pilot, clock.instant());
        return pilot;
    }

    private static List<String> addresses(List<String> given) {
        if (given.size() > PilotMode.MAX_ENTRIES) {
            throw Validation.invalid(
                    "allow", "must have at most " + PilotMode.MAX_ENTRIES + " entries (got " + given.size() + ")");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "allow[" + i + "]";
            String address = given.get(i);
            if (address == null || address.isBlank()) {
                throw Validation.invalid(field, "must be a phone number or a contact's address, not blank");
            }
            if (address.strip().length() > PilotMode.MAX_LENGTH
                    || address.chars().anyMatch(Character::isISOControl)) {
                throw Validation.invalid(
                        field, "must be at most " + PilotMode.MAX_LENGTH + " characters without control characters");
            }
            normalized.add(PilotMode.normalize(address));
        }
        return new ArrayList<>(normalized);
    }
}
