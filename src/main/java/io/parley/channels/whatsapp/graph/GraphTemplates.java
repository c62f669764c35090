package io.parley.channels.whatsapp.graph;

import io.parley.channels.whatsapp.JsonReads;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Secret;
import io.parley.platform.UpstreamException;
import io.parley.templates.RemoteTemplate;
import io.parley.templates.TemplateSource;
import io.parley.tenancy.ChannelAccounts;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists a business account's templates: {@code GET /{waba-id}/message_templates} with the channel's token, following
 * {@code paging.next}. A next link to another host is not followed: the token goes only to the Graph API.
 */
@Component
class GraphTemplates implements TemplateSource {
    private static final int MAX_PAGES = 50;
    private static final String FIELDS = "id,name,language,category,status,components";

    private final GraphClient graph;
    private final ChannelAccounts accounts;
    private final JsonMapper json;

    GraphTemplates(GraphClient graph, ChannelAccounts accounts, JsonMapper json) {
        this.graph = graph;
        this.accounts = accounts;
        this.json = json;
    }

    @Override
    public List<RemoteTemplate> list(ChannelAccountId channelAccountId, String businessAccountId) {
        Secret token = accounts.whatsAppCredentials(channelAccountId).accessToken();
        URI next = graph.uri(businessAccountId + "/message_templates?fields=" + FIELDS + "&limit=100");
        List<RemoteTemplate> templates = new ArrayList<>();
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            JsonNode body = fetch(next, token);
            for (JsonNode t : body.path("data")) {
                templates.add(new RemoteTemplate(
                        JsonReads.text(t, "id"),
                        JsonReads.text(t, "name"),
                        JsonReads.text(t, "language"),
                        JsonReads.text(t, "category"),
                        JsonReads.text(t, "status"),
                        t.path("components").isArray() ? json.writeValueAsString(t.path("components")) : "[]"));
            }
            String link = JsonReads.text(JsonReads.object(body, "paging"), "next");
            next = link == null ? null : graph.isGraph(URI.create(link)) ? URI.create(link) : null;
        }
        return templates;
    }

    private JsonNode fetch(URI uri, Secret token) {
        GraphResponse response;
        try {
            response = graph.get(uri, token);
        } catch (IOException e) {
            throw unavailable(
                    "graph_unreachable",
                    "The Graph API could not be reached (" + e.getClass().getSimpleName()
                            + ") while listing templates; try again later",
                    Map.of(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("graph_unreachable", "Interrupted while listing templates", Map.of(), e);
        }
        int status = response.status();
        if (GraphOutcomes.unavailable(status)) {
            throw unavailable(
                    "graph_unavailable",
                    "The Graph API answered " + status + " while listing templates; try again later",
                    Map.of("graphStatus", status),
                    null);
        }
        JsonNode body = response.jsonOrNull();
        if (status / 100 != 2) {
            String code = body == null ? null : JsonReads.text(JsonReads.object(body, "error"), "code");
            throw new InvalidRequestException(
                    "template_sync_rejected",
                    "The Graph API refused to list templates (" + status + ", code " + code
                            + "): check the channel's access token and businessAccountId",
                    Map.of("graphStatus", status, "graphCode", code == null ? "" : code));
        }
        if (body == null) {
            throw unavailable(
                    "graph_unavailable",
                    "The Graph API answered " + status
                            + " with a body that is not JSON while listing templates; try again later",
                    Map.of("graphStatus", status),
                    null);
        }
        return body;
    }

    /** Meta could not be asked or did not answer usefully: the admin's request was fine, so 422, not 5xx. */
    private static UpstreamException unavailable(
            String reason, String message, Map<String, Object> context, Throwable cause) {
        Map<String, Object> all = new HashMap<>(context);
        all.put("reason", reason);
        return new UpstreamException("template_sync_unavailable", message, true, all, cause);
    }
}
