package io.parley.access;

import io.parley.platform.OrganizationId;
import java.util.Optional;

/**
 * Port: the module that owns what a root path variable names ({@code botId}: a chatbot, {@code conversationId}: a
 * conversation) says which organization it belongs to, so the access interceptor can scope a route without
 * depending on that module (ADR 16). {@code orgId} needs no port: it names the organization itself.
 */
public interface RouteRoot {

    /** The path variable this root answers for, e.g. {@code botId}. */
    String variable();

    /**
     * Returns when {@code value} names a resource of {@code organization}; otherwise throws the owner's
     * {@link io.parley.platform.NotFoundException} (the same as for an unknown or malformed id).
     */
    void requireIn(OrganizationId organization, String value);

    /** The organization that owns what {@code value} names; empty when it is malformed or unknown. */
    Optional<OrganizationId> owner(String value);
}
