package io.parley.tools.internal;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.llm.ToolSpec;
import io.parley.platform.Ids;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceDraft;
import io.parley.tools.ToolSources;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organization's tool sources. Header and env values are write-only: responses name them, nothing more. stdio
 * sources are the operator's (403 for organization callers, checked in {@link ToolSources}).
 */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/tools")
class ToolSourceController {
    private final ToolSources sources;
    private final JsonMapper json;

    ToolSourceController(ToolSources sources, JsonMapper json) {
        this.sources = sources;
        this.json = json;
    }

    record ToolView(String name, String description, JsonNode parameters) {}

    record SourceView(
            UUID id,
            String type,
            String name,
            String transport,
            String url,
            List<String> command,
            List<String> headers,
            List<String> env,
            List<ToolView> tools,
            Instant refreshedAt) {}

    record RegisterRequest(
            String type,
            String name,
            String transport,
            String url,
            List<String> command,
            Map<String, String> headers,
            Map<String, String> env) {}

    // Changes let agents through to ToolSources, which answers them requiredRole "operator" for a stdio source (like
    // every organization role) and "admin" for any other.
    @PostMapping
    @RequiresRole(Role.AGENT)
    ResponseEntity<SourceView> register(
            @PathVariable String orgId, @RequestBody(required = false) RegisterRequest body) {
        RegisterRequest request = body == null ? new RegisterRequest(null, null, null, null, null, null, null) : body;
        ToolSource created = sources.register(
                organization(orgId),
                new ToolSourceDraft(
                        request.type(),
                        request.name(),
                        request.transport(),
                        request.url(),
                        request.command(),
                        request.headers(),
                        request.env()),
                actor());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/tools/" + created.id()))
                .body(view(created));
    }

    @GetMapping
    List<SourceView> list(@PathVariable String orgId) {
        return sources.list(organization(orgId)).stream().map(this::view).toList();
    }

    @GetMapping("/{sourceId}")
    SourceView get(@PathVariable String orgId, @PathVariable String sourceId) {
        return view(sources.get(organization(orgId), sourceId(sourceId)));
    }

    @PostMapping("/{sourceId}/refresh")
    @RequiresRole(Role.AGENT)
    SourceView refresh(@PathVariable String orgId, @PathVariable String sourceId) {
        return view(sources.refresh(organization(orgId), sourceId(sourceId), actor()));
    }

    @DeleteMapping("/{sourceId}")
    @RequiresRole(Role.AGENT)
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String sourceId) {
        sources.delete(organization(orgId), sourceId(sourceId), actor());
        return ResponseEntity.noContent().build();
    }

    private SourceView view(ToolSource source) {
        return new SourceView(
                source.id(),
                source.type(),
                source.name(),
                source.transport(),
                source.url(),
                source.command().isEmpty() ? null : source.command(),
                source.headers().keySet().stream().sorted().toList(),
                source.stdio() ? source.env().keySet().stream().sorted().toList() : null,
                source.tools().stream().map(this::view).toList(),
                source.refreshedAt());
    }

    private ToolView view(ToolSpec spec) {
        return new ToolView(spec.name(), spec.description(), json.readTree(spec.parametersSchema()));
    }

    private static Caller actor() {
        return Caller.current().orElse(null);
    }

    private static OrganizationId organization(String value) {
        return Ids.parse(value, "organization", OrganizationId::new);
    }

    private static UUID sourceId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("tool_source_not_found", "No tool source with id '" + value + "'");
        }
    }
}
