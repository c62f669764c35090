package io.parley.tools.internal;

import io.parley.contacts.ContactTier;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.tools.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** @param minTiers optional: tool name → minimum contact tier (guest, standard, verified); absent keeps them */
    record SelectionRequest(List<String> builtins, List<String> sources, Map<String, String> minTiers) {}

    /** {@code source} is "builtin" or the source's name; {@code sourceId} is null for built-ins. */
    record EnabledToolView(String name, String description, String source, UUID sourceId) {}

    record SelectionView(
            List<String> builtins, List<UUID> sources, List<EnabledToolView> tools, Map<String, String> minTiers) {}

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
                throw new NotFoundException(
                        "tool_source_not_found", "No tool source with id '" + source + "' in this organization");
            }
        }
        Map<String, ContactTier> tiers = request.minTiers() == null ? null : minTiers(request.minTiers());
        tools.select(id, request.builtins(), sources);
        if (tiers != null) {
            tools.setMinTiers(id, tiers);
        }
        return view(id);
    }

    @GetMapping
    SelectionView get(@PathVariable String botId) {
        return view(botId(botId));
    }

    private SelectionView view(ChatbotId id) {
        Tools.Selection selection = tools.selection(id);
        return new SelectionView(
                selection.builtins(),
                selection.sources(),
                tools.enabledTools(id).stream()
                        .map(t -> new EnabledToolView(
                                t.name(),
                                t.description(),
                                t.sourceId() == null ? "builtin" : t.sourceName(),
                                t.sourceId()))
                        .toList(),
                tiersView(tools.minTiers(id)));
    }

    private static Map<String, String> tiersView(Map<String, ContactTier> tiers) {
        Map<String, String> view = new TreeMap<>();
        tiers.forEach((tool, tier) -> view.put(tool, tier.wireName()));
        return view;
    }

    private static Map<String, ContactTier> minTiers(Map<String, String> requested) {
        if (requested.size() > 200) {
            throw invalidTier("must name at most 200 tools");
        }
        Map<String, ContactTier> tiers = new TreeMap<>();
        requested.forEach((tool, tier) -> {
            if (tool == null || tool.isBlank() || tool.length() > 128) {
                throw invalidTier("keys must be tool names of 1 to 128 characters");
            }
            try {
                tiers.put(tool, ContactTier.fromWire(tier));
            } catch (IllegalArgumentException e) {
                throw invalidTier("values must be guest, standard or verified");
            }
        });
        return tiers;
    }

    private static InvalidRequestException invalidTier(String message) {
        return new InvalidRequestException(
                "validation_failed",
                "minTiers " + message,
                Map.of("errors", List.of(Map.of("field", "minTiers", "message", message))));
    }

    private static ChatbotId botId(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }
}
