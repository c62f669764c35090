package io.parley.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of the OpenAPI description ({@code GET /api/openapi.json}) that springdoc cannot read from the
 * controllers: the credentials, the {@code Problem} body every error answers with and its {@code code}s, one
 * reusable response per error status. {@link OpenApiRoutes} then applies them to each operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String BEARER = "bearer";
    static final String CHANNEL_KEY = "channelKey";
    static final String CHANNEL_KEY_QUERY = "channelKeyQuery";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenAPI parleyOpenApi() {
        // Request and response bodies typed as a JSON tree are any JSON value, not a bean with JsonNode's getters.
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        JsonNode.class,
                        new JsonSchema().description("Any JSON value; the operation's text says what it holds"))
                .replaceWithSchema(ObjectNode.class, typed("object"));
        Components components = new Components()
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description(
                                        "`/api/v1`: the operator token (`PARLEY_ADMIN_TOKEN`), an organization API key "
                                                + "(`pk_…`, created at `POST /api/v1/organizations/{orgId}/api-keys`) or a staff "
                                                + "session token (`POST /api/v1/auth/login`). Each operation's `x-parley-access` "
                                                + "names the least caller it admits."))
                .addSecuritySchemes(
                        CHANNEL_KEY,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description(
                                        "`/client/v1`: a client channel's key (`pk_…` publishable for web/app, `sk_…` "
                                                + "secret for api), never an admin token or API key."))
                .addSecuritySchemes(
                        CHANNEL_KEY_QUERY,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.QUERY)
                                .name("key")
                                .description(
                                        "`/client/v1` GET routes only (EventSource, script tags): the channel key as "
                                                + "`?key=`."))
                .addSchemas(PROBLEM, problemSchema());
        ProblemCodes.byStatus()
                .forEach((status, codes) ->
                        components.addResponses(responseName(status), problemResponse(status, codes)));
        return new OpenAPI()
                .info(new Info()
                        .title("Parley API")
                        .version("v1")
                        .description("Every `/api/v1` (administration), `/client/v1` (client channels) and "
                                + "`/webhooks` route of this Parley server, generated from its code. Errors are "
                                + "RFC 9457 problem bodies (`application/problem+json`) with a stable `code` and "
                                + "the request's `traceId`; see the `Problem` schema for every code. "
                                + "Guide: docs/api/openapi.md.")
                        .license(new License().name("Parley")))
                .components(components);
    }

    @Bean
    OpenApiCustomizer parleyRoutes(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        return new OpenApiRoutes(mapping);
    }

    @Bean
    OpenApiCustomizer parleySchemaNames() {
        return new OpenApiSchemaNames();
    }

    /** {@code Problem400}, …: one reusable response per status, so every operation refers to the same text. */
    static String responseName(int status) {
        return PROBLEM + status;
    }

    private static ApiResponse problemResponse(int status, List<ProblemCodes.ProblemCode> codes) {
        String list = codes.stream().map(code -> "`" + code.code() + "`").collect(Collectors.joining(", "));
        return new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + ". Codes: " + list + ".")
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<Object> problemSchema() {
        String table = ProblemCodes.ALL.stream()
                .map(code -> "| `" + code.code() + "` | " + code.status() + " | " + code.meaning() + " |")
                .collect(Collectors.joining("\n"));
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", typed("string").format("uri").description("`https://parley.dev/problems/{code}`"));
        properties.put("title", typed("string").description("The status's reason phrase"));
        properties.put("status", typed("integer").description("The HTTP status"));
        properties.put("detail", typed("string").description("What went wrong, for people; do not parse it"));
        properties.put("instance", typed("string").format("uri").description("The request's path"));
        properties.put(
                "code",
                typed("string")
                        .description("Stable, machine-readable: branch on this. See the "
                                + "table in the schema's description.")
                        .examples(ProblemCodes.ALL.stream()
                                .map(code -> (Object) code.code())
                                .limit(3)
                                .toList()));
        properties.put("traceId", typed("string").description("Quote it when reporting a problem"));
        properties.put("field", typed("string").description("The request field or parameter at fault, if one"));
        properties.put(
                "errors",
                typed("array")
                        .description("validation_failed: one entry per invalid field")
                        .items(typed("object")
                                .addProperty("field", typed("string"))
                                .addProperty("message", typed("string"))));
        Schema<Object> problem = typed("object")
                .description("An RFC 9457 problem. Further properties give context (e.g. `field`, `max`, `reason`)."
                        + "\n\n| code | status | meaning |\n|---|---|---|\n" + table);
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status", "code"));
        problem.addExtension(
                "x-problem-codes",
                ProblemCodes.ALL.stream()
                        .collect(Collectors.toMap(
                                ProblemCodes.ProblemCode::code,
                                ProblemCodes.ProblemCode::status,
                                (a, b) -> a,
                                LinkedHashMap::new)));
        return problem;
    }

    /** A JSON Schema (OpenAPI 3.1) of one type: 3.1 writes {@code types}, 3.0 readers {@code type}. */
    static Schema<Object> typed(String type) {
        Schema<Object> schema = new JsonSchema();
        schema.setTypes(Set.of(type));
        schema.setType(type);
        return schema;
    }
}
