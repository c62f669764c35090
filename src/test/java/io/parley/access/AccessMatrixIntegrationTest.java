package io.parley.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/v1} route, discovered from Spring MVC, against an explicit table of who may call it. A new route
 * fails {@link #should_classify_every_api_route_when_routes_are_discovered} until it is added to {@link #EXPECTED};
 * then every check below runs for it too: no token, another organization's ids, a role too low, the allowed callers.
 */
class AccessMatrixIntegrationTest extends IntegrationTestSupport {
    enum Access {
        PUBLIC,
        OPERATOR,
        OWNER,
        ADMIN,
        AGENT
    }

    record Route(String method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return Comparator.comparing(Route::pattern)
                    .thenComparing(Route::method)
                    .compare(this, other);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Who may call each route. Add new routes here ("METHOD pattern" → least caller). */
    static final Map<Route, Access> EXPECTED = table("""
            POST   /api/v1/auth/login                                              PUBLIC
            POST   /api/v1/auth/logout                                             PUBLIC
            GET    /api/v1/audit-log                                               OPERATOR
            GET    /api/v1/organizations                                           OPERATOR
            POST   /api/v1/organizations                                           OPERATOR
            GET    /api/v1/plans                                                   OPERATOR
            GET    /api/v1/plans/{name}                                            OPERATOR
            PUT    /api/v1/plans/{name}                                            OPERATOR
            GET    /api/v1/prices                                                  OPERATOR
            PUT    /api/v1/prices                                                  OPERATOR
            DELETE /api/v1/prices                                                  OPERATOR
            PUT    /api/v1/organizations/{orgId}/plan                              OPERATOR
            PATCH  /api/v1/organizations/{orgId}/limits                            OPERATOR
            GET    /api/v1/organizations/{orgId}                                   AGENT
            PATCH  /api/v1/organizations/{orgId}                                   ADMIN
            DELETE /api/v1/organizations/{orgId}                                   OPERATOR
            GET    /api/v1/organizations/{orgId}/limits                            ADMIN
            GET    /api/v1/organizations/{orgId}/usage                             ADMIN
            GET    /api/v1/organizations/{orgId}/audit-log                         ADMIN
            GET    /api/v1/organizations/{orgId}/api-keys                          ADMIN
            POST   /api/v1/organizations/{orgId}/api-keys                          ADMIN
            DELETE /api/v1/organizations/{orgId}/api-keys/{keyId}                  ADMIN
            GET    /api/v1/organizations/{orgId}/users                             ADMIN
            POST   /api/v1/organizations/{orgId}/users                             ADMIN
            PATCH  /api/v1/organizations/{orgId}/users/{userId}                    ADMIN
            DELETE /api/v1/organizations/{orgId}/users/{userId}                    ADMIN
            GET    /api/v1/organizations/{orgId}/events                            ADMIN
            POST   /api/v1/organizations/{orgId}/events/{eventId}/ack              ADMIN
            GET    /api/v1/organizations/{orgId}/alert-sinks                       ADMIN
            POST   /api/v1/organizations/{orgId}/alert-sinks                       ADMIN
            DELETE /api/v1/organizations/{orgId}/alert-sinks/{sinkId}              ADMIN
            GET    /api/v1/organizations/{orgId}/tools                             ADMIN
            POST   /api/v1/organizations/{orgId}/tools                             ADMIN
            GET    /api/v1/organizations/{orgId}/tools/{sourceId}                  ADMIN
            POST   /api/v1/organizations/{orgId}/tools/{sourceId}/refresh          ADMIN
            DELETE /api/v1/organizations/{orgId}/tools/{sourceId}                  ADMIN
            GET    /api/v1/organizations/{orgId}/leads                             AGENT
            GET    /api/v1/organizations/{orgId}/chatbots                          AGENT
            POST   /api/v1/organizations/{orgId}/chatbots                          ADMIN
            GET    /api/v1/organizations/{orgId}/chatbots/{botId}                  AGENT
            GET    /api/v1/organizations/{orgId}/conversations/{conversationId}/messages  AGENT
            GET    /api/v1/chatbots/{botId}                                        AGENT
            PATCH  /api/v1/chatbots/{botId}                                        ADMIN
            DELETE /api/v1/chatbots/{botId}                                        OWNER
            GET    /api/v1/chatbots/{botId}/channels                               ADMIN
            POST   /api/v1/chatbots/{botId}/channels                               ADMIN
            PATCH  /api/v1/chatbots/{botId}/channels/{channelId}                   ADMIN
            DELETE /api/v1/chatbots/{botId}/channels/{channelId}                   ADMIN
            GET    /api/v1/chatbots/{botId}/tools                                  AGENT
            PUT    /api/v1/chatbots/{botId}/tools                                  ADMIN
            GET    /api/v1/chatbots/{botId}/flows                                  AGENT
            GET    /api/v1/chatbots/{botId}/flows/{flowKey}                        AGENT
            PUT    /api/v1/chatbots/{botId}/flows/{flowKey}                        ADMIN
            GET    /api/v1/chatbots/{botId}/flows/{flowKey}/versions               AGENT
            POST   /api/v1/chatbots/{botId}/flows/{flowKey}/publish                ADMIN
            GET    /api/v1/chatbots/{botId}/external-engine                        ADMIN
            PUT    /api/v1/chatbots/{botId}/external-engine                        ADMIN
            DELETE /api/v1/chatbots/{botId}/external-engine                        ADMIN
            GET    /api/v1/chatbots/{botId}/flow-tests                             AGENT
            GET    /api/v1/chatbots/{botId}/flow-tests/{name}                      AGENT
            PUT    /api/v1/chatbots/{botId}/flow-tests/{name}                      ADMIN
            DELETE /api/v1/chatbots/{botId}/flow-tests/{name}                      ADMIN
            POST   /api/v1/chatbots/{botId}/flow-tests/{name}/runs                 ADMIN
            GET    /api/v1/chatbots/{botId}/templates                              AGENT
            POST   /api/v1/chatbots/{botId}/templates                              ADMIN
            POST   /api/v1/chatbots/{botId}/templates/sync                         ADMIN
            GET    /api/v1/chatbots/{botId}/window-template                        AGENT
            PUT    /api/v1/chatbots/{botId}/window-template                        ADMIN
            GET    /api/v1/chatbots/{botId}/pilot                                  ADMIN
            PUT    /api/v1/chatbots/{botId}/pilot                                  ADMIN
            GET    /api/v1/chatbots/{botId}/pilot/go-live-checks                   ADMIN
            POST   /api/v1/chatbots/{botId}/webchat/messages                       AGENT
            GET    /api/v1/chatbots/{botId}/conversations                          AGENT
            POST   /api/v1/chatbots/{botId}/knowledge/search                       AGENT
            GET    /api/v1/chatbots/{botId}/knowledge/sources                      AGENT
            POST   /api/v1/chatbots/{botId}/knowledge/sources                      ADMIN
            GET    /api/v1/chatbots/{botId}/knowledge/sources/{sourceId}           AGENT
            DELETE /api/v1/chatbots/{botId}/knowledge/sources/{sourceId}           ADMIN
            POST   /api/v1/chatbots/{botId}/knowledge/sources/{sourceId}/reindex   ADMIN
            POST   /api/v1/chatbots/{botId}/media                                  AGENT
            POST   /api/v1/chatbots/{botId}/knowledge/crawl                        ADMIN
            GET    /api/v1/chatbots/{botId}/knowledge/crawl/{crawlId}              AGENT
            GET    /api/v1/chatbots/{botId}/knowledge/quota                        AGENT
            GET    /api/v1/chatbots/{botId}/knowledge/settings                     AGENT
            POST   /api/v1/chatbots/{botId}/broadcasts                             ADMIN
            POST   /api/v1/chatbots/{botId}/campaigns                              ADMIN
            GET    /api/v1/chatbots/{botId}/campaigns/{campaignId}                 AGENT
            PUT    /api/v1/chatbots/{botId}/contacts/{contactId}/tags              AGENT
            GET    /api/v1/organizations/{orgId}/contacts                          AGENT
            GET    /api/v1/organizations/{orgId}/contacts/{contactId}              AGENT
            PATCH  /api/v1/organizations/{orgId}/contacts/{contactId}              AGENT
            POST   /api/v1/organizations/{orgId}/contacts/{contactId}/merge        ADMIN
            POST   /api/v1/organizations/{orgId}/messaging/test                    ADMIN
            GET    /api/v1/organizations/{orgId}/messaging/test/{testDeliveryId}   ADMIN
            GET    /api/v1/organizations/{orgId}/push/public-key                   AGENT
            GET    /api/v1/organizations/{orgId}/push/subscriptions                AGENT
            POST   /api/v1/organizations/{orgId}/push/subscriptions                AGENT
            DELETE /api/v1/organizations/{orgId}/push/subscriptions/{subscriptionId}  AGENT
            PUT    /api/v1/chatbots/{botId}/knowledge/settings                     ADMIN
            GET    /api/v1/organizations/{orgId}/retention                         ADMIN
            PUT    /api/v1/organizations/{orgId}/retention                         ADMIN
            GET    /api/v1/organizations/{orgId}/alert-deliveries                  ADMIN
            GET    /api/v1/organizations/{orgId}/staff-notifications               ADMIN
            POST   /api/v1/organizations/{orgId}/staff-notifications/{notificationId}/replay  ADMIN
            GET    /api/v1/organizations/{orgId}/notification-templates            AGENT
            GET    /api/v1/organizations/{orgId}/notification-templates/{templateName}  AGENT
            PUT    /api/v1/organizations/{orgId}/notification-templates/{templateName}  ADMIN
            DELETE /api/v1/organizations/{orgId}/notification-templates/{templateName}  ADMIN
            POST   /api/v1/organizations/{orgId}/notification-templates/{templateName}/preview  ADMIN
            GET    /api/v1/organizations/{orgId}/notification-rules                AGENT
            POST   /api/v1/organizations/{orgId}/notification-rules                ADMIN
            PUT    /api/v1/organizations/{orgId}/notification-rules/{ruleId}       ADMIN
            DELETE /api/v1/organizations/{orgId}/notification-rules/{ruleId}       ADMIN
            GET    /api/v1/organizations/{orgId}/staff/{userId}/contact-points     ADMIN
            POST   /api/v1/organizations/{orgId}/staff/{userId}/contact-points/{channel}/link  ADMIN
            DELETE /api/v1/organizations/{orgId}/staff/{userId}/contact-points/{channel}/{pointId}  ADMIN
            POST   /api/v1/organizations/{orgId}/alert-deliveries/{deliveryId}/replay  ADMIN
            GET    /api/v1/organizations/{orgId}/integrations/stripe               ADMIN
            PUT    /api/v1/organizations/{orgId}/integrations/stripe               ADMIN
            DELETE /api/v1/organizations/{orgId}/integrations/stripe               ADMIN
            POST   /api/v1/organizations/{orgId}/payments                          ADMIN
            GET    /api/v1/organizations/{orgId}/payments/{paymentId}              ADMIN
            GET    /api/v1/organizations/{orgId}/dead-letters                      ADMIN
            POST   /api/v1/organizations/{orgId}/dead-letters/replay               ADMIN
            POST   /api/v1/organizations/{orgId}/dead-letters/{deadLetterId}/replay  ADMIN
            GET    /api/v1/chatbots/{botId}/channels/{channelId}/pacing            ADMIN
            PUT    /api/v1/chatbots/{botId}/channels/{channelId}/pacing            ADMIN
            GET    /api/v1/conversations/{conversationId}                          AGENT
            GET    /api/v1/conversations/{conversationId}/messages                 AGENT
            POST   /api/v1/conversations/{conversationId}/messages                 AGENT
            GET    /api/v1/conversations/{conversationId}/tool-executions          AGENT
            GET    /api/v1/conversations/{conversationId}/sessions                 AGENT
            GET    /api/v1/conversations/{conversationId}/turns                    AGENT
            GET    /api/v1/conversations/{conversationId}/media/{mediaId}          AGENT
            POST   /api/v1/conversations/{conversationId}/handover                 AGENT
            POST   /api/v1/conversations/{conversationId}/handback                 AGENT
            GET    /api/v1/conversations/{conversationId}/flow                     AGENT
            POST   /api/v1/conversations/{conversationId}/flow/move                AGENT
            POST   /api/v1/conversations/{conversationId}/flow/restart             AGENT
            """);

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final Set<String> ROOTS = Set.of("orgId", "botId", "conversationId");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void should_classify_every_api_route_when_routes_are_discovered() {
        assertThat(new TreeSet<>(discovered())).containsExactlyElementsOf(new TreeSet<>(EXPECTED.keySet()));
    }

    @Test
    void should_enforce_authentication_scope_and_role_on_every_api_route() {
        AccessFixture a = AccessFixture.create(api, jdbc, "A");
        AccessFixture b = AccessFixture.create(api, jdbc, "B");
        SoftAssertions soft = new SoftAssertions();
        List<Route> routes = new ArrayList<>(new TreeSet<>(discovered()));
        for (Route route : routes) {
            Access access = EXPECTED.get(route);
            String pathA = a.fill(route.pattern());
            // 1. no token
            int anonymous = call(api.withToken(null), route, pathA).status();
            if (access == Access.PUBLIC) {
                soft.assertThat(anonymous).as("%s without a token", route).isNotEqualTo(401);
                continue;
            }
            soft.assertThat(anonymous).as("%s without a token", route).isEqualTo(401);
            soft.assertThat(call(api.withToken("pk_" + "x".repeat(40)), route, pathA)
                            .status())
                    .as("%s with an unknown key", route)
                    .isEqualTo(401);
            Set<String> variables = variables(route.pattern());
            boolean rooted = variables.stream().anyMatch(ROOTS::contains);
            // 2. another organization's admin key on A's resources
            soft.assertThat(call(api.withToken(b.adminKey()), route, pathA).status())
                    .as("%s with B's admin key on A's ids", route)
                    .isEqualTo(access == Access.OPERATOR || !rooted ? 403 : 404);
            // 3. B's key with B's ids except one of A's
            if (access != Access.OPERATOR) {
                for (String foreign : variables) {
                    boolean picked = foreign.equals("flowKey")
                            || (foreign.equals("name") && route.pattern().contains("/flow-tests/"));
                    if (foreign.equals("channel")
                            || (foreign.equals("templateName") && route.method().equals("PUT"))) {
                        // A staff channel's name is the same in every organization, and a PUT of A's template name
                        // saves B's own template of that name.
                        continue;
                    }
                    if (picked && route.method().equals("PUT")) {
                        // A flow key or test name is a name the caller picks, not an id: PUT with A's name creates
                        // B's own flow or test.
                        continue;
                    }
                    String mixed = b.fill(route.pattern(), foreign, a);
                    soft.assertThat(call(api.withToken(b.adminKey()), route, mixed)
                                    .status())
                            .as("%s with B's admin key and A's %s", route, foreign)
                            .isEqualTo(404);
                }
            }
            // 4. A's own callers below the route's role
            for (Map.Entry<String, Access> weak : Map.of(
                            a.agentKey(), Access.AGENT, a.adminKey(), Access.ADMIN, a.agentSession(), Access.AGENT)
                    .entrySet()) {
                if (access.ordinal() < weak.getValue().ordinal()) {
                    Api.Response denied = call(api.withToken(weak.getKey()), route, pathA);
                    soft.assertThat(denied.status())
                            .as("%s with A's %s", route, weak.getValue())
                            .isEqualTo(403);
                    soft.assertThat(denied.body()).as("%s problem", route).contains("\"code\":\"forbidden\"");
                }
            }
        }
        // 5. allowed callers get through: mutations after reads, deletions last (children before their roots)
        for (String method : List.of("POST", "PUT", "PATCH", "GET", "DELETE")) {
            for (Route route : method.equals("DELETE") ? childrenFirst(routes) : routes) {
                Access access = EXPECTED.get(route);
                if (!route.method().equals(method) || access == Access.PUBLIC) {
                    continue;
                }
                String token = switch (access) {
                    case AGENT -> a.agentKey();
                    case ADMIN -> a.adminSession();
                    case OWNER -> a.ownerSession();
                    default -> io.parley.testing.ParleyTestContext.ADMIN_TOKEN;
                };
                int status = call(api.withToken(token), route, a.fill(route.pattern()))
                        .status();
                soft.assertThat(status)
                        .as("%s with the least allowed caller (%s)", route, access)
                        .isNotIn(401, 403, 404, 500);
                if (!method.equals("DELETE") && access != Access.OPERATOR) {
                    soft.assertThat(call(api, route, a.fill(route.pattern())).status())
                            .as("%s with the operator token", route)
                            .isNotIn(401, 403, 404, 500);
                }
            }
        }
        soft.assertAll();
    }

    /** Deleting a chatbot or an organization takes what is under it along: those routes run last. */
    private static List<Route> childrenFirst(List<Route> routes) {
        return routes.stream()
                .sorted(Comparator.comparingInt(
                                (Route route) -> -route.pattern().split("/").length)
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private Api.Response call(Api client, Route route, String path) {
        return switch (route.method()) {
            case "GET" -> client.get(path);
            case "DELETE" -> client.delete(path);
            case "POST" -> client.post(path, "{}");
            case "PUT" -> client.put(path, "{}");
            case "PATCH" -> client.patch(path, "{}");
            default -> throw new AssertionError("Unexpected method " + route);
        };
    }

    private List<Route> discovered() {
        List<Route> routes = new ArrayList<>();
        mapping.getHandlerMethods()
                .forEach((info, handler) -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/v1"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> routes.add(new Route(method.name(), pattern)))));
        assertThat(routes).as("every /api/v1 route names its HTTP method").isNotEmpty();
        return routes.stream().distinct().toList();
    }

    static Set<String> variables(String pattern) {
        Set<String> names = new java.util.LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(pattern);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<Route, Access> table(String text) {
        Map<Route, Access> table = new LinkedHashMap<>();
        text.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] parts = line.split("\\s+");
            assertThat(table.put(new Route(parts[0], parts[1]), Access.valueOf(parts[2])))
                    .as(line)
                    .isNull();
        });
        return table;
    }

    static String replaceVariables(String pattern, Function<String, String> value) {
        return VARIABLE.matcher(pattern).replaceAll(m -> Matcher.quoteReplacement(value.apply(m.group(1))));
    }
}
