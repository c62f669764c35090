package io.parley.apidocs;

import io.parley.access.RouteAccess;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;

/**
 * The problem responses an operation can answer with, by what kind of route it is: any route can be refused as
 * malformed (400), by the per-address guard (429) or for an unavailable database (503); routes with credentials
 * add 401/403, routes with ids 404, writes 409/422, routes with a body 413/415. Each refers to the reusable
 * {@code Problem<status>} response, which lists that status's codes.
 */
final class OpenApiProblems {
    private OpenApiProblems() {}

    static void describe(String path, PathItem.HttpMethod method, Operation operation, HandlerMethod handler) {
        boolean client = path.startsWith("/client/v1/");
        boolean webhook = path.startsWith(OpenApiRoutes.WEBHOOKS + "/");
        boolean read = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
        boolean authenticated = client
                || !webhook
                        && handler != null
                        && !(RouteAccess.of(handler, method.name()) instanceof RouteAccess.Public);
        Set<Integer> statuses = new LinkedHashSet<>();
        statuses.add(400);
        if (authenticated || webhook && !read) {
            statuses.add(401);
        }
        if (authenticated) {
            statuses.add(403);
        }
        if (path.contains("{") || client) {
            statuses.add(404);
        }
        if (!read && !webhook) {
            statuses.add(409);
        }
        if (operation.getRequestBody() != null || webhook && !read) {
            statuses.add(413);
            statuses.add(415);
        }
        if (!read && !webhook) {
            statuses.add(422);
        }
        statuses.add(429);
        statuses.add(503);
        ApiResponses responses = OpenApiRoutes.responses(operation);
        for (int status : statuses) {
            if (!responses.containsKey(Integer.toString(status))) {
                responses.addApiResponse(
                        Integer.toString(status),
                        new ApiResponse().$ref("#/components/responses/" + OpenApiConfiguration.responseName(status)));
            }
        }
        if (webhook && read) {
            responses.addApiResponse("200", OpenApiRoutes.text("The `hub.challenge`, echoed: subscription verified"));
            responses.addApiResponse("403", OpenApiRoutes.text("`Forbidden`: wrong `hub.mode` or `hub.verify_token`"));
        }
    }
}
