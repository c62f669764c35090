package io.parley.tools.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.tools.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which built-ins and sources a chatbot may use, and the tools its model is offered as a result. */
@RestController
@RequestMapping("/api/v1/chatbots/{botId}/tools")
class ChatbotToolsController {
    private final Tools tools;

    ChatbotToolsController(Tools tools) {
        this.tools = tools;
    }

    record SelectionRequest(List<String> builtins, List<String> sources) {
    }

    /** {@code source} is "builtin" or the source's name; {@code sourceId} is null for built-ins. */
    record EnabledToolView(String name, String description, String source, UUID sourceId) {
    }

    record SelectionView(List<String> builtins, List<UUID> sources, List<EnabledToolView> tools) {
    }

    @PutMapping
    SelectionView select(@PathVariable String botId, @RequestBody SelectionRequest request) {
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        ChatbotId id = botId(botId);
        List<UUID> sources = new ArrayList<>();
        for (String source : request.sources() == null ? List.<String>of() : request.sources()) {
            try {
                sources.add(UUID.fromString(source));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new NotFoundException("tool_source_not_found", "No tool source with id '" + source
                        + "' in this organization");
            }
        }
        tools.select(id, request.builtins(), sources);
        return view(id);
    }

    @GetMapping
    SelectionView get(@PathVariable String botId) {
        return view(botId(botId));
    }

    private SelectionView view(ChatbotId id) {
        Tools.Selection selection = tools.selection(id);
        return new SelectionView(selection.builtins(), selection.sources(), tools.enabledTools(id).stream()
                .map(t -> new EnabledToolView(t.name(), t.description(),
                        t.sourceId() == null ? "builtin" : t.sourceName(), t.sourceId()))
                .toList());
    }

    private static ChatbotId botId(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }
}
