package io.parley.conversation;

import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.time.Instant;

/** A conversation that changed (a message, its owner, its assignment), as the live inbox learns of it. */
public record InboxChange(OrganizationId organizationId, ConversationId conversationId, Instant changedAt) {}
