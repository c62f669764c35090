package io.parley.contacts;

import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;

/**
 * Port for a module whose rows reference contacts (conversations and sessions, leads, usage, campaigns): when two
 * contacts are merged, {@link Contacts#merge} asks each implementation, in its transaction and before the merged
 * contact is deleted, to move its rows from {@code from} to {@code into}. An implementation that cannot (two
 * conversations would collide) throws a {@link io.parley.platform.ConflictException}, which undoes the merge.
 */
public interface ContactReferences {
    void move(OrganizationId organizationId, ContactId from, ContactId into);
}
