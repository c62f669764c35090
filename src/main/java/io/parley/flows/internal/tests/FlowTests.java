package io.parley.flows.internal.tests;

import io.parley.flows.internal.tests.FlowTestRepository.FlowTestSummary;
import io.parley.flows.internal.tests.FlowTestRepository.Stored;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A chatbot's stored golden transcripts: saved after validation, read back as sent, listed, deleted. */
@Service
class FlowTests {
    /** More than a flow's goldens ever need; each may be 256 KB. */
    static final int MAX_PER_CHATBOT = 200;

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

    private final FlowTestRepository repository;
    private final Chatbots chatbots;

    FlowTests(FlowTestRepository repository, Chatbots chatbots) {
        this.repository = repository;
        this.chatbots = chatbots;
    }

    /** A save: what was stored, and whether it replaced a test of that name. */
    record Saved(String name, String flow, int turns, boolean created) {}

    /** Validates {@code body} ({@link GoldenDocument}) and stores it under {@code name}. */
    @Transactional
    Saved save(ChatbotId chatbotId, String name, byte[] body) {
        Chatbot chatbot = chatbots.get(chatbotId);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "name must be 1 to 64 lowercase letters, digits or underscores",
                    Map.of("errors", List.of(Map.of("field", "name", "message", "must match [a-z0-9_]{1,64}"))));
        }
        GoldenDocument document = GoldenDocument.read(body);
        repository.lock(chatbotId);
        if (repository.find(chatbot.organizationId(), chatbotId, name).isEmpty()
                && repository.count(chatbot.organizationId(), chatbotId) >= MAX_PER_CHATBOT) {
            throw new ConflictException(
                    "too_many_flow_tests",
                    "A chatbot may have at most " + MAX_PER_CHATBOT + " flow tests: delete one first",
                    Map.of("limit", MAX_PER_CHATBOT));
        }
        boolean created = repository.upsert(chatbot.organizationId(), chatbotId, name, document);
        return new Saved(
                name, document.golden().flow(), document.golden().turns().size(), created);
    }

    Stored get(ChatbotId chatbotId, String name) {
        Chatbot chatbot = chatbots.get(chatbotId);
        if (!NAME.matcher(name).matches()) {
            throw notFound(name);
        }
        return repository.find(chatbot.organizationId(), chatbotId, name).orElseThrow(() -> notFound(name));
    }

    List<FlowTestSummary> list(ChatbotId chatbotId) {
        Chatbot chatbot = chatbots.get(chatbotId);
        return repository.list(chatbot.organizationId(), chatbotId);
    }

    void delete(ChatbotId chatbotId, String name) {
        Chatbot chatbot = chatbots.get(chatbotId);
        if (!NAME.matcher(name).matches() || !repository.delete(chatbot.organizationId(), chatbotId, name)) {
            throw notFound(name);
        }
    }

    private static NotFoundException notFound(String name) {
        String shown = name.length() <= 64 ? name : name.substring(0, 64) + "…";
        return new NotFoundException("flow_test_not_found", "No flow test named '" + shown + "'");
    }
}
