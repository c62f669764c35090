package io.parley.admin.internal;

import io.parley.admin.Caller;
import io.parley.admin.Callers;
import io.parley.conversation.Conversations;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.ForbiddenException;
import io.parley.platform.Ids;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.web.BearerAuth;
import io.parley.platform.web.Role;
import io.parley.platform.web.RouteAccess;
import io.parley.tenancy.Chatbots;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authorization for every {@code /api/v1} route, after routing (ADR 16). The organization a route touches comes
 * from its root path variables ({@code orgId}; {@code botId} via its chatbot; {@code conversationId} via its
 * conversation). An organization's caller on another organization's resource gets the same 404 as for an unknown
 * id; a role below the route's gets 403; an operator-only route, or one whose organization cannot be determined,
 * gets 403 too (default deny). Nested ids ({@code sourceId}, {@code keyId}, ...) are scoped by the services.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {
    /** The organization the route touches, for the audit log. */
    static final String ORGANIZATION = AccessInterceptor.class.getName() + ".organization";
    static final Set<String> ROOT_VARIABLES = Set.of("orgId", "botId", "conversationId");

    private final Chatbots chatbots;
    private final Conversations conversations;
    private final JsonMapper json;

    AccessInterceptor(Chatbots chatbots, Conversations conversations, JsonMapper json) {
        this.chatbots = chatbots;
        this.conversations = conversations;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RouteAccess access = RouteAccess.of(method, request.getMethod());
        if (access instanceof RouteAccess.Public) {
            return true;
        }
        Caller caller = Callers.of(request).orElse(null);
        if (caller == null) {
            BearerAuth.challenge(response, json, null);
            return false;
        }
        if (!(caller instanceof Caller.OrganizationMember member)) {
            return true;
        }
        if (access instanceof RouteAccess.OperatorOnly) {
            throw new ForbiddenException("Only the operator may call this route",
                    Map.of("requiredRole", "operator"));
        }
        if (!scopedTo(member.organizationId(), pathVariables(request))) {
            throw new ForbiddenException("This route is not scoped to an organization",
                    Map.of("requiredRole", "operator"));
        }
        request.setAttribute(ORGANIZATION, member.organizationId());
        Role least = ((RouteAccess.Member) access).least();
        if (!member.role().atLeast(least)) {
            throw new ForbiddenException("This route needs the " + least.wireName() + " role",
                    Map.of("requiredRole", least.wireName()));
        }
        return true;
    }

    /** True when every root variable names a resource of {@code organization} and there is at least one. */
    private boolean scopedTo(OrganizationId organization, Map<String, String> variables) {
        boolean anyRoot = false;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String value = variable.getValue();
            switch (variable.getKey()) {
                case "orgId" -> {
                    OrganizationId id = Ids.parse(value, "organization", OrganizationId::new);
                    if (!id.equals(organization)) {
                        // exactly what Organizations.get says for an id that does not exist
                        throw new NotFoundException("organization_not_found", "No organization with id '" + id + "'");
                    }
                }
                case "botId" -> chatbots.getInOrganization(organization, Ids.parse(value, "chatbot", ChatbotId::new));
                case "conversationId" -> conversations.getInOrganization(organization,
                        Ids.parse(value, "conversation", ConversationId::new));
                default -> {
                    continue;
                }
            }
            anyRoot = true;
        }
        return anyRoot;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> pathVariables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }
}
