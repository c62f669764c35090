package io.parley.apidocs;

import io.parley.access.RouteAccess;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Gives every operation of the description what its route really does: a tag per module, the credentials it
 * demands (read from the same annotations the access interceptor reads, {@link RouteAccess}), and the problem
 * responses its kind of route can answer with, on top of the success responses springdoc read from the handler.
 */
class OpenApiRoutes implements OpenApiCustomizer {
    static final String WEBHOOKS = "/webhooks";
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("access", "Operator and staff authentication, the audit log"),
            Map.entry("admin", "Operator and staff authentication, the audit log"),
            Map.entry("tenancy", "Organizations, chatbots, channels, API keys, staff users"),
            Map.entry("contacts", "The organization's contacts across channels"),
            Map.entry("conversation", "Conversations, messages, sessions, handover"),
            Map.entry("tools", "Tool sources and a chatbot's tools; leads"),
            Map.entry("delivery", "Dead letters and channel pacing"),
            Map.entry("events", "System events"),
            Map.entry("alerts", "Alert sinks and their deliveries"),
            Map.entry("retention", "Message content retention"),
            Map.entry("knowledge", "Knowledge sources, crawls, search, quotas"),
            Map.entry("usage", "Plans, limits, prices, usage"),
            Map.entry("media", "Inbound media"),
            Map.entry("templates", "Message templates and the re-engagement template"),
            Map.entry("outreach", "Broadcasts, campaigns, test messages"),
            Map.entry("payments", "The Stripe integration and payments"),
            Map.entry("engines", "A chatbot's external engine endpoint"),
            Map.entry("client", "The client API: web, app and api channels, authenticated by channel keys"),
            Map.entry("webhooks", "Provider webhooks, authenticated by the provider's signature"));

    private final ObjectProvider<RequestMappingHandlerMapping> mapping;

    OpenApiRoutes(ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, HandlerMethod> handlers = handlers();
        TreeSet<String> used = new TreeSet<>();
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    HandlerMethod handler = handlers.get(method + " " + path);
                    String tag = tag(path, handler);
                    used.add(tag);
                    operation.setTags(new ArrayList<>(List.of(tag)));
                    secure(path, method, operation, handler);
                    OpenApiProblems.describe(path, method, operation, handler);
                }));
        openApi.setTags(used.stream()
                .map(name -> new Tag().name(name).description(TAGS.getOrDefault(name, "The " + name + " channel")))
                .toList());
    }

    private Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> handlers = new HashMap<>();
        mapping.getObject()
                .getHandlerMethods()
                .forEach((info, handler) -> info.getPatternValues()
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> handlers.put(method.name() + " " + pattern, handler))));
        return handlers;
    }

    /** The module the controller lives in ({@code channels.whatsapp} → {@code whatsapp}); webhooks on their own. */
    static String tag(String path, HandlerMethod handler) {
        if (path.startsWith(WEBHOOKS + "/") || handler == null) {
            return "webhooks";
        }
        String[] parts = handler.getBeanType()
                .getPackageName()
                .replaceFirst("^io\\.parley\\.", "")
                .split("\\.");
        return parts[0].equals("channels") && parts.length > 1 ? parts[1] : parts[0];
    }

    private static void secure(String path, PathItem.HttpMethod method, Operation operation, HandlerMethod handler) {
        if (path.startsWith("/client/v1/")) {
            List<SecurityRequirement> schemes =
                    new ArrayList<>(List.of(new SecurityRequirement().addList(OpenApiConfiguration.CHANNEL_KEY)));
            if (method == PathItem.HttpMethod.GET) {
                schemes.add(new SecurityRequirement().addList(OpenApiConfiguration.CHANNEL_KEY_QUERY));
            }
            operation.setSecurity(schemes);
            return;
        }
        if (path.startsWith(WEBHOOKS + "/")) {
            operation.setSecurity(List.of());
            if (method == PathItem.HttpMethod.POST) {
                operation.addParametersItem(new HeaderParameter()
                        .name("X-Hub-Signature-256")
                        .required(true)
                        .description("`sha256=<hex>`: HMAC-SHA256 of the raw body with the provider's app secret")
                        .schema(OpenApiConfiguration.typed("string")));
                operation.setRequestBody(new RequestBody()
                        .required(true)
                        .description("Meta's webhook notification, "
                                + "as Meta sends it (the signature covers its exact bytes); answered 200 once stored")
                        .content(new Content()
                                .addMediaType(
                                        "application/json",
                                        new MediaType().schema(OpenApiConfiguration.typed("object")))));
            }
            return;
        }
        RouteAccess access = handler == null ? new RouteAccess.Public() : RouteAccess.of(handler, method.name());
        String least = switch (access) {
            case RouteAccess.Public ignored -> "public";
            case RouteAccess.OperatorOnly ignored -> "operator";
            case RouteAccess.Member member -> member.least().wireName();
        };
        operation.addExtension("x-parley-access", least);
        operation.setSecurity(
                access instanceof RouteAccess.Public
                        ? List.of()
                        : List.of(new SecurityRequirement().addList(OpenApiConfiguration.BEARER)));
        String who = switch (access) {
            case RouteAccess.Public ignored -> "No credentials needed.";
            case RouteAccess.OperatorOnly ignored -> "Operator token only.";
            case RouteAccess.Member member ->
                "Least role: `" + member.least().wireName() + "` of the organization (or the operator token).";
        };
        operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
    }

    /** A plain-text response (the webhook's verification answers are not JSON). */
    static ApiResponse text(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType("text/plain", new MediaType().schema(OpenApiConfiguration.typed("string"))));
    }

    static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }
}
