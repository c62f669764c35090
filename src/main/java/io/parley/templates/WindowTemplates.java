package io.parley.templates;

import static io.parley.templates.MessageTemplates.invalid;

import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.templates.internal.ParameterTemplates;
import io.parley.templates.internal.TemplateRepository;
import io.parley.templates.internal.TemplateRepository.WindowTemplateRow;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Each chatbot's re-engagement template: which approved template replaces free text outside the window. */
@Service
public class WindowTemplates {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final TemplateRepository repository;
    private final MessageTemplates templates;
    private final Chatbots chatbots;
    private final JsonMapper json;

    WindowTemplates(TemplateRepository repository, MessageTemplates templates, Chatbots chatbots, JsonMapper json) {
        this.repository = repository;
        this.templates = templates;
        this.chatbots = chatbots;
        this.json = json;
    }

    /**
     * Sets the chatbot's re-engagement template. It must be registered and approved on one of the chatbot's WhatsApp
     * channels, and there must be one parameter expression per body placeholder, each using known variables only.
     */
    @Transactional
    public WindowTemplate set(ChatbotId chatbotId, WindowTemplate request) {
        Chatbot chatbot = chatbots.get(chatbotId);
        if (request == null || request.name() == null || request.language() == null) {
            throw invalid("name", "and language are required");
        }
        List<ChannelAccount> accounts = templates.templateAccounts(chatbotId);
        List<MessageTemplate> matching = accounts.stream()
                .flatMap(a -> repository.find(a.id(), request.name(), request.language()).stream())
                .toList();
        if (matching.isEmpty()) {
            throw new InvalidRequestException(
                    "template_not_found",
                    "No template '" + request.name() + "' in "
                            + request.language()
                            + " is registered for this chatbot's template channels; register or sync it"
                            + " first",
                    Map.of("name", request.name(), "language", request.language()));
        }
        MessageTemplate template = matching.stream()
                .filter(t -> t.status() == TemplateStatus.APPROVED)
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "template_not_approved",
                        "Template '"
                                + request.name() + "' is "
                                + matching.getFirst().status().wireName()
                                + "; only an approved template can be sent outside the 24-hour window",
                        Map.of("status", matching.getFirst().status().wireName())));
        if (request.parameters().size() != template.bodyParameters()) {
            throw new InvalidRequestException(
                    "template_parameters_mismatch",
                    "Template '" + template.name()
                            + "' has " + template.bodyParameters() + " body parameter(s) but "
                            + request.parameters().size()
                            + " were given",
                    Map.of(
                            "expected",
                            template.bodyParameters(),
                            "given",
                            request.parameters().size()));
        }
        for (String parameter : request.parameters()) {
            if (parameter == null || parameter.isBlank()) {
                throw invalid("parameters", "must not contain blank values");
            }
            ParameterTemplates.unknownVariable(parameter).ifPresent(variable -> {
                throw invalid(
                        "parameters",
                        "uses unknown variable {{" + variable + "}}; known: "
                                + ParameterTemplates.VARIABLES.stream().sorted().toList());
            });
        }
        repository.saveWindowTemplate(
                chatbot.organizationId(),
                new WindowTemplateRow(
                        chatbotId,
                        template.name(),
                        template.language(),
                        json.writeValueAsString(request.parameters())));
        return new WindowTemplate(template.name(), template.language(), request.parameters());
    }

    /**
     * Stops sending a re-engagement template: outside the window the chatbot's replies are then closed
     * ({@code no_window_template}) as if none had ever been set. Returns whether one was set. An unknown chatbot is not found.
     */
    @Transactional
    public boolean clear(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return repository.deleteWindowTemplate(chatbotId);
    }

    public Optional<WindowTemplate> get(ChatbotId chatbotId) {
        return repository
                .findWindowTemplate(chatbotId)
                .map(row ->
                        new WindowTemplate(row.name(), row.language(), json.readValue(row.parametersJson(), STRINGS)));
    }
}
