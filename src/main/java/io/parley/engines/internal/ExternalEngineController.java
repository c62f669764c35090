package io.parley.engines.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.engines.EndpointChange;
import io.parley.engines.ExternalEndpoint;
import io.parley.engines.ExternalEngines;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/chatbots/{botId}/external-engine}: the endpoint that answers the chatbot's turns when its engine is
 * {@code external} (docs/external-engine.md). Admins only, reads included: a URL may carry a credential. The signing
 * secret is in the answer of the {@code PUT} that made it, and nowhere else.
 */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/chatbots/{botId}/external-engine")
class ExternalEngineController {
    /** The body of a {@code PUT}; {@code timeoutMs} absent keeps the stored one (10,000 for a new endpoint). */
    record EndpointRequest(String url, Long timeoutMs, Boolean rotateSecret) {}

    private final ExternalEngines engines;

    ExternalEngineController(ExternalEngines engines) {
        this.engines = engines;
    }

    @PutMapping
    Map<String, Object> put(@PathVariable String botId, @RequestBody(required = false) EndpointRequest request) {
        EndpointRequest body = request == null ? new EndpointRequest(null, null, null) : request;
        EndpointChange change = engines.configure(
                chatbot(botId),
                body.url(),
                body.timeoutMs() == null ? null : Duration.ofMillis(body.timeoutMs()),
                Boolean.TRUE.equals(body.rotateSecret()));
        Map<String, Object> view = view(change.endpoint());
        if (change.newSecret() != null) {
            view.put("secret", change.newSecret().reveal());
        }
        return view;
    }

    @GetMapping
    Map<String, Object> get(@PathVariable String botId) {
        return view(engines.get(chatbot(botId)));
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String botId) {
        engines.delete(chatbot(botId));
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> view(ExternalEndpoint endpoint) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("url", endpoint.url());
        view.put("timeoutMs", endpoint.timeout().toMillis());
        view.put("createdAt", endpoint.createdAt());
        view.put("updatedAt", endpoint.updatedAt());
        return view;
    }

    private static ChatbotId chatbot(String botId) {
        return Ids.parse(botId, "chatbot", ChatbotId::new);
    }
}
