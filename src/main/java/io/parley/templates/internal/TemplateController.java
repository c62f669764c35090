package io.parley.templates.internal;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.templates.MessageTemplate;
import io.parley.templates.MessageTemplates;
import io.parley.templates.NewTemplate;
import io.parley.templates.WindowTemplate;
import io.parley.templates.WindowTemplates;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Templates and the re-engagement template of a chatbot. Reads need an agent, writes an admin (the defaults). */
@RestController
@RequestMapping("/api/v1/chatbots/{botId}")
class TemplateController {
    private final MessageTemplates templates;
    private final WindowTemplates windowTemplates;
    private final JsonMapper json;

    TemplateController(MessageTemplates templates, WindowTemplates windowTemplates, JsonMapper json) {
        this.templates = templates;
        this.windowTemplates = windowTemplates;
        this.json = json;
    }

    record TemplateView(
            UUID channelId,
            String name,
            String language,
            String category,
            String status,
            String statusReason,
            String body,
            int bodyParameters,
            String providerTemplateId,
            JsonNode components,
            Instant updatedAt) {}

    record RegisterTemplate(
            String channelId, String name, String language, String category, String body, String status) {}

    @GetMapping("/templates")
    List<TemplateView> list(@PathVariable String botId) {
        return templates.list(botId(botId)).stream().map(this::view).toList();
    }

    @PostMapping("/templates")
    ResponseEntity<TemplateView> register(@PathVariable String botId, @RequestBody RegisterTemplate request) {
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        ChannelAccountId channel =
                request.channelId() == null ? null : Ids.parse(request.channelId(), "channel", ChannelAccountId::new);
        MessageTemplate created = templates.register(
                botId(botId),
                new NewTemplate(
                        channel,
                        request.name(),
                        request.language(),
                        request.category(),
                        request.body(),
                        request.status()));
        return ResponseEntity.created(URI.create("/api/v1/chatbots/" + botId + "/templates"))
                .body(view(created));
    }

    @PostMapping("/templates/sync")
    Map<String, Integer> sync(@PathVariable String botId) {
        return Map.of("synced", templates.sync(botId(botId)));
    }

    @GetMapping("/window-template")
    ResponseEntity<WindowTemplate> windowTemplate(@PathVariable String botId) {
        // 204 when unset: 404 would read as "no such chatbot".
        return windowTemplates
                .get(botId(botId))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PutMapping("/window-template")
    WindowTemplate setWindowTemplate(@PathVariable String botId, @RequestBody WindowTemplate request) {
        return windowTemplates.set(botId(botId), request);
    }

    private TemplateView view(MessageTemplate t) {
        return new TemplateView(
                t.channelAccountId().value(),
                t.name(),
                t.language(),
                t.category(),
                t.status().wireName(),
                t.statusReason(),
                t.bodyText(),
                t.bodyParameters(),
                t.providerTemplateId(),
                json.readTree(t.componentsJson()),
                t.updatedAt());
    }

    private static ChatbotId botId(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }
}
