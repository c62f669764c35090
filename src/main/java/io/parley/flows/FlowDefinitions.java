package io.parley.flows;

import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowReading;
import io.parley.flows.internal.FlowDefinitionRepository;
import io.parley.flows.internal.FlowDefinitionRepository.Document;
import io.parley.flows.internal.FlowDocuments;
import io.parley.flows.internal.ReminderTemplates;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A chatbot's flow definitions: saved as drafts after validation (errors name the step and field), published
 * (the previous published version is archived; a published version never changes), read back as written. Versions
 * of one key are numbered 1, 2, ...; a save replaces the key's draft while it is unpublished and starts the next
 * version after a publish.
 */
@Service
public class FlowDefinitions {
    /** The largest definition accepted, in bytes of UTF-8. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final Pattern KEY = Pattern.compile("[a-z0-9_]{1,64}");

    private final FlowDefinitionRepository repository;
    private final FlowDocuments documents;
    private final ReminderTemplates reminders;
    private final Chatbots chatbots;

    FlowDefinitions(
            FlowDefinitionRepository repository,
            FlowDocuments documents,
            ReminderTemplates reminders,
            Chatbots chatbots) {
        this.repository = repository;
        this.documents = documents;
        this.reminders = reminders;
        this.chatbots = chatbots;
    }

    /** Validates {@code source} and stores it as the key's draft; refused with {@code 400 flow_invalid}. */
    @Transactional
    public SavedFlow save(ChatbotId chatbotId, String key, String source, FlowFormat format) {
        Chatbot chatbot = chatbots.get(chatbotId);
        requireKey(key);
        if (source.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid(List.of(FlowProblem.at(null, "", "the definition is larger than 256 KB")));
        }
        Document document;
        try {
            JsonNode tree = documents.parse(source, format);
            Flow flow = switch (FlowReading.read(tree, key)) {
                case FlowReading.Valid valid -> valid.flow();
                case FlowReading.Invalid invalid -> throw invalid(invalid.problems());
            };
            checkTenantData(chatbotId, flow);
            document = new Document(documents.toJson(tree), source, format, FlowDocuments.checksum(source));
        } catch (FlowDocuments.Unreadable e) {
            throw invalid(List.of(e.problem()));
        }
        repository.lock(chatbotId, key);
        boolean replaced = repository.draft(chatbotId, key).isPresent();
        if (replaced) {
            repository.replaceDraft(chatbotId, key, document);
        } else {
            repository.insertDraft(chatbot.organizationId(), chatbotId, key, document);
        }
        FlowVersion saved = repository.draft(chatbotId, key).orElseThrow();
        return new SavedFlow(saved, replaced);
    }

    /** Publishes the key's draft; {@code 409 flow_no_draft} when there is none (e.g. it was just published). */
    @Transactional
    public FlowVersion publish(ChatbotId chatbotId, String key) {
        chatbots.get(chatbotId);
        requireExisting(chatbotId, key);
        repository.lock(chatbotId, key);
        FlowVersion draft = repository
                .draft(chatbotId, key)
                .orElseThrow(() -> new ConflictException(
                        "flow_no_draft",
                        "Flow '" + key + "' has no draft to publish: save (PUT) a new version first",
                        Map.of("key", key)));
        repository.publishDraft(chatbotId, key);
        return repository.find(chatbotId, key, draft.version()).orElseThrow().version();
    }

    /** The given version, or the latest ({@code version} null). */
    public StoredFlow get(ChatbotId chatbotId, String key, Integer version) {
        chatbots.get(chatbotId);
        if (!KEY.matcher(key).matches()) {
            throw notFound(key);
        }
        return repository
                .find(chatbotId, key, version)
                .orElseThrow(() -> version == null
                        ? notFound(key)
                        : new NotFoundException(
                                "flow_version_not_found", "Flow '" + key + "' has no version " + version));
    }

    /** The document of {@code flow} as a tree (order kept), for a JSON answer. */
    public JsonNode tree(StoredFlow flow) {
        return documents.parse(flow.source(), flow.format());
    }

    /** The document of {@code flow} as YAML: as written when it was sent as YAML, else converted. */
    public String yaml(StoredFlow flow) {
        return flow.format() == FlowFormat.YAML ? flow.source() : documents.toYaml(tree(flow));
    }

    public List<FlowVersion> versions(ChatbotId chatbotId, String key) {
        chatbots.get(chatbotId);
        requireExisting(chatbotId, key);
        return repository.versions(chatbotId, key);
    }

    public List<FlowKeySummary> list(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return repository.keys(chatbotId);
    }

    public boolean hasPublished(ChatbotId chatbotId, String key) {
        return KEY.matcher(key).matches() && repository.hasPublished(chatbotId, key);
    }

    private void checkTenantData(ChatbotId chatbotId, Flow flow) {
        List<FlowProblem> problems = new ArrayList<>();
        if (flow.settings().reminder() != null && flow.settings().reminder().template() != null) {
            reminders
                    .problem(chatbotId, flow.settings().reminder().template())
                    .ifPresent(message -> problems.add(FlowProblem.at(null, "settings.reminder.template", message)));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
    }

    private void requireExisting(ChatbotId chatbotId, String key) {
        if (!KEY.matcher(key).matches() || repository.versions(chatbotId, key).isEmpty()) {
            throw notFound(key);
        }
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "key must be 1 to 64 lowercase letters, digits or underscores",
                    Map.of("errors", List.of(Map.of("field", "key", "message", "must match [a-z0-9_]{1,64}"))));
        }
    }

    private static NotFoundException notFound(String key) {
        String shown = key.length() <= 64 ? key : key.substring(0, 64) + "…";
        return new NotFoundException("flow_not_found", "No flow with key '" + shown + "'");
    }

    private static InvalidRequestException invalid(List<FlowProblem> problems) {
        List<Map<String, Object>> errors =
                problems.stream().map(FlowDefinitions::error).toList();
        FlowProblem first = problems.get(0);
        String where = first.step() == null
                ? first.field()
                : first.step() + (first.field().isEmpty() ? "" : "." + first.field());
        return new InvalidRequestException(
                "flow_invalid",
                "The flow definition is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                        + "): " + (where.isEmpty() ? "" : where + " ") + first.message(),
                Map.of("errors", errors));
    }

    private static Map<String, Object> error(FlowProblem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("step", problem.step());
        error.put("field", problem.field());
        error.put("message", problem.message());
        if (problem.line() != null) {
            error.put("line", problem.line());
            error.put("column", problem.column());
        }
        return error;
    }
}
