package io.parley.conversation.internal;

import io.parley.access.RouteRoot;
import io.parley.conversation.Conversations;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code conversationId} roots a route in the organization that owns the conversation (ADR 16). */
@Component
class ConversationRoot implements RouteRoot {
    private final Conversations conversations;

    ConversationRoot(Conversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public String variable() {
        return "conversationId";
    }

    @Override
    public void requireIn(OrganizationId organization, String value) {
        conversations.getInOrganization(organization, Ids.parse(value, "conversation", ConversationId::new));
    }

    @Override
    public Optional<OrganizationId> owner(String value) {
        try {
            return Optional.of(conversations
                    .get(new ConversationId(UUID.fromString(value)))
                    .organizationId());
        } catch (IllegalArgumentException | NotFoundException e) {
            return Optional.empty();
        }
    }
}
