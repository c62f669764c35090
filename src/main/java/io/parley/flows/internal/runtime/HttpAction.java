package io.parley.flows.internal.runtime;

import io.parley.flows.engine.FlowPorts.ActionResult;
import io.parley.platform.WorkPermits;
import io.parley.platform.egress.BodyTooLargeException;
import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code http} action: {@code {url, method: GET | POST (default), body}}. The URL is a tenant's, so it goes
 * through the egress policy (https unless the operator allowed the host, no private addresses); the answer (at most
 * 64 KB, within 10 s) lands in {@code vars.<step id>} as JSON when it is JSON, else as {@code {status, body}}. A
 * refused URL, a non-2xx answer, a timeout or an unreachable host is a failed action.
 */
@Component
class HttpAction {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final long MAX_BYTES = 64 * 1024;

    private final EgressHttp http;
    private final EgressPolicy policy;
    private final JsonMapper json;

    HttpAction(EgressHttp http, EgressPolicy policy, JsonMapper json) {
        this.http = http;
        this.policy = policy;
        this.json = json;
    }

    ActionResult run(Map<String, Object> arguments) {
        Object url = arguments.get("url");
        if (!(url instanceof String text) || text.isBlank()) {
            return ActionResult.failed("http needs a url");
        }
        URI uri;
        try {
            uri = URI.create(text.strip());
            policy.check("url", uri.toString());
        } catch (IllegalArgumentException | EgressRefusedException e) {
            return ActionResult.failed("url refused: " + e.getMessage());
        }
        if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) && !policy.operatorAllowed(uri)) {
            return ActionResult.failed("url refused: only https");
        }
        String method = String.valueOf(arguments.getOrDefault("method", "POST")).toUpperCase(Locale.ROOT);
        HttpUriRequestBase request;
        if (method.equals("GET")) {
            request = new HttpGet(uri);
        } else if (method.equals("POST")) {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity(
                    json.writeValueAsString(arguments.getOrDefault("body", Map.of())),
                    ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
            request = post;
        } else {
            return ActionResult.failed("http method must be GET or POST");
        }
        request.setHeader("Accept", "application/json");
        return WorkPermits.waiting(() -> exchange(request));
    }

    private ActionResult exchange(HttpUriRequestBase request) {
        try {
            Response response = http.send(request, EgressHttp.Timeouts.of(TIMEOUT), MAX_BYTES);
            if (!response.successful()) {
                return ActionResult.failed("http status " + response.status());
            }
            try {
                return ActionResult.ok(json.readValue(response.body(), Object.class));
            } catch (JacksonException e) {
                return ActionResult.ok(Map.of("status", response.status(), "body", response.text()));
            }
        } catch (EgressRefusedException e) {
            return ActionResult.failed("url refused");
        } catch (BodyTooLargeException e) {
            return ActionResult.failed("answer larger than " + MAX_BYTES + " bytes");
        } catch (IOException e) {
            return ActionResult.failed("unreachable or timed out");
        }
    }
}
