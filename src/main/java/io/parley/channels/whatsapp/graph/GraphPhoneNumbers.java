package io.parley.channels.whatsapp.graph;

import io.parley.channels.whatsapp.JsonReads;
import io.parley.channels.whatsapp.WhatsAppProperties;
import io.parley.platform.Secret;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.WhatsAppNumberCheck;
import io.parley.tenancy.WhatsAppNumberCheck.Failed;
import io.parley.tenancy.WhatsAppNumberCheck.MetaError;
import io.parley.tenancy.WhatsAppNumberVerifier;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves a phone number id before it is connected: {@code GET /{phone-number-id}?fields=id,display_phone_number,
 * verified_name} with the given token. Only a 2xx naming that very id counts; that one call is the whole check (no
 * other Graph endpoint is asked, so a token scoped to the number is enough).
 */
@Component
class GraphPhoneNumbers implements WhatsAppNumberVerifier {
    private static final Logger log = LoggerFactory.getLogger(GraphPhoneNumbers.class);
    static final String FIELDS = "id,display_phone_number,verified_name";
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_MESSAGE = 500;

    private final GraphClient graph;
    private final WhatsAppProperties properties;
    private final JsonMapper json;

    GraphPhoneNumbers(GraphClient graph, WhatsAppProperties properties, JsonMapper json) {
        this.graph = graph;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WHATSAPP;
    }

    @Override
    public WhatsAppNumberCheck check(String phoneNumberId, Secret accessToken) {
        if (!properties.verifyOnConnect()) {
            return new WhatsAppNumberCheck.NotChecked();
        }
        try {
            GraphResponse response = graph.get(phoneNumberId + "?fields=" + FIELDS, accessToken, MAX_BODY);
            return outcome(phoneNumberId, accessToken, response.status(), response.body());
        } catch (IOException e) {
            log.info(
                    "Graph API unreachable while verifying a phone number id: {}",
                    e.getClass().getSimpleName());
            return new Failed(
                    "graph_unreachable",
                    "phoneNumberId",
                    "the Graph API could not be reached (" + e.getClass().getSimpleName()
                            + "); nothing was stored, try again",
                    null,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(
                    "graph_unreachable", "phoneNumberId", "interrupted while asking the Graph API", null, null);
        }
    }

    private WhatsAppNumberCheck outcome(String phoneNumberId, Secret token, int status, String body) {
        JsonNode root = parse(body);
        if (status / 100 == 2) {
            String id = JsonReads.text(root, "id");
            if (phoneNumberId.equals(id)) {
                return new WhatsAppNumberCheck.Verified(
                        JsonReads.text(root, "display_phone_number"), JsonReads.text(root, "verified_name"));
            }
            return new Failed(
                    "phone_number_mismatch",
                    "phoneNumberId",
                    "the Graph API answered " + status
                            + (id == null ? " without a phone number id" : " for another id (" + cut(id, 64) + ")")
                            + ", so the token does not prove this number",
                    status,
                    null);
        }
        MetaError error = metaError(JsonReads.object(root, "error"), token);
        boolean tokenProblem = status == 401
                || (error != null && error.code() != null && (error.code() == 190 || error.code() == 102));
        return new Failed(
                "graph_refused",
                tokenProblem ? "accessToken" : "phoneNumberId",
                "the Graph API answered " + status
                        + (error == null || error.message() == null ? "" : ": " + error.message()),
                status,
                error);
    }

    private JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Meta's explanation, with the token blanked should Meta ever quote it back. */
    private static MetaError metaError(JsonNode error, Secret token) {
        if (error == null) {
            return null;
        }
        String message = JsonReads.text(error, "message");
        if (message != null) {
            message = cut(message.replace(token.reveal(), "***"), MAX_MESSAGE);
        }
        return new MetaError(
                integer(error, "code"),
                integer(error, "error_subcode"),
                cut(JsonReads.text(error, "type"), 100),
                message,
                cut(JsonReads.text(error, "fbtrace_id"), 100));
    }

    private static Integer integer(JsonNode parent, String field) {
        Number value = JsonReads.integer(parent, field);
        return value instanceof Integer i ? i : null;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
