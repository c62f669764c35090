package io.parley.tools;

import io.parley.access.Caller;
import io.parley.access.Role;
import io.parley.llm.ToolSpec;
import io.parley.platform.ConflictException;
import io.parley.platform.ForbiddenException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.egress.EgressPolicy;
import io.parley.tenancy.Organizations;
import io.parley.tools.internal.ToolSourceDrafts;
import io.parley.tools.internal.ToolSourceRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The tool sources an organization registered. A source is only stored after its tools were discovered, so a
 * chatbot never enables a source that has never answered. A stdio source starts a command on this server, so only
 * the operator registers, refreshes or deletes one (ADR 25); organization admins see it and enable it on chatbots.
 */
@Service
public class ToolSources {
    private static final Logger log = LoggerFactory.getLogger(ToolSources.class);

    private final ToolSourceRepository repository;
    private final Map<String, ToolSourceClient> clients;
    private final Organizations organizations;
    private final ToolsProperties properties;
    private final EgressPolicy egress;

    ToolSources(
            ToolSourceRepository repository,
            List<ToolSourceClient> clients,
            Organizations organizations,
            ToolsProperties properties,
            EgressPolicy egress) {
        this.repository = repository;
        this.clients = clients.stream().collect(Collectors.toMap(ToolSourceClient::type, Function.identity()));
        this.organizations = organizations;
        this.properties = properties;
        this.egress = egress;
    }

    /**
     * Checks the draft, discovers the source's tools (422 when it cannot be reached) and stores it. {@code actor}
     * is who asks (null counts as an organization member): a stdio draft from anyone but the operator is a 403,
     * before any other check.
     */
    public ToolSource register(OrganizationId organizationId, ToolSourceDraft draft, Caller actor) {
        requireMayChange(draft.stdio(), actor);
        organizations.get(organizationId);
        ToolSourceDraft checked = ToolSourceDrafts.check(draft, properties.mcpStdioEnabled());
        checkEgress(checked.url());
        if (repository.nameTaken(organizationId, checked.name())) {
            throw nameTaken(checked.name());
        }
        ToolSource candidate = new ToolSource(
                UUID.randomUUID(),
                organizationId,
                checked.type(),
                checked.name(),
                checked.transport(),
                checked.url(),
                checked.command(),
                checked.headers(),
                checked.env(),
                List.of(),
                null);
        List<ToolSpec> tools = discover(candidate);
        try {
            repository.insert(new ToolSource(
                    candidate.id(),
                    organizationId,
                    candidate.type(),
                    candidate.name(),
                    candidate.transport(),
                    candidate.url(),
                    candidate.command(),
                    candidate.headers(),
                    candidate.env(),
                    tools,
                    null));
        } catch (DuplicateKeyException e) {
            client(candidate).release(candidate);
            throw nameTaken(checked.name());
        }
        log.info("Registered tool source {} ({}) with {} tools", candidate.id(), candidate.type(), tools.size());
        return get(organizationId, candidate.id());
    }

    public List<ToolSource> list(OrganizationId organizationId) {
        organizations.get(organizationId);
        return repository.list(organizationId);
    }

    public ToolSource get(OrganizationId organizationId, UUID id) {
        organizations.get(organizationId);
        return repository
                .find(organizationId, id)
                .orElseThrow(() -> new NotFoundException(
                        "tool_source_not_found", "No tool source with id '" + id + "' in this organization"));
    }

    /** Discovers the tools again; on failure the stored list stays as it was (422). */
    public ToolSource refresh(OrganizationId organizationId, UUID id, Caller actor) {
        ToolSource source = get(organizationId, id);
        requireMayChange(source.stdio(), actor);
        checkEgress(source.url());
        client(source).release(source);
        repository.updateTools(organizationId, id, discover(source));
        return get(organizationId, id);
    }

    /** Removes the source and its enablement on every chatbot of the organization. */
    public void delete(OrganizationId organizationId, UUID id, Caller actor) {
        ToolSource source = get(organizationId, id);
        requireMayChange(source.stdio(), actor);
        repository.delete(organizationId, id);
        client(source).release(source);
        log.info("Deleted tool source {}", id);
    }

    /** An HTTP or MCP server's URL must pass the egress policy before anything is requested (400 naming url). */
    private void checkEgress(String url) {
        if (url != null) {
            egress.check("url", url);
        }
    }

    private List<ToolSpec> discover(ToolSource source) {
        try {
            return client(source).discover(source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolSourceUnreachableException("interrupted");
        } catch (Exception e) {
            client(source).release(source);
            String reason = e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getClass().getSimpleName()
                    : e.getMessage();
            throw new ToolSourceUnreachableException(reason);
        }
    }

    private ToolSourceClient client(ToolSource source) {
        ToolSourceClient client = clients.get(source.type());
        if (client == null) {
            throw new IllegalStateException("No client for tool sources of type " + source.type());
        }
        return client;
    }

    /**
     * A stdio source runs a command on the server: only the operator registers, refreshes or deletes one, whatever
     * an organization caller's role (agents included, so their routes let agents through to here). Any other source
     * needs an organization admin.
     */
    private static void requireMayChange(boolean stdio, Caller actor) {
        if (stdio && (actor == null || !actor.operator())) {
            throw new ForbiddenException(
                    "MCP sources with transport \"stdio\" run a command on the server: only the "
                            + "operator may register, refresh or delete them",
                    Map.of("requiredRole", "operator"));
        }
        if (actor != null && !actor.hasAtLeast(Role.ADMIN)) {
            throw new ForbiddenException("This route needs the admin role", Map.of("requiredRole", "admin"));
        }
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException(
                "tool_source_name_taken",
                "This organization already has a tool source named '" + name + "'",
                Map.of("field", "name"));
    }
}
