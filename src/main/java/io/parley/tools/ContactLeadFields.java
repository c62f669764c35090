package io.parley.tools;

import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.util.Map;

/**
 * The lead fields a bot captured for one contact (name, email, company, estimated volume, notes, …), as the
 * console's contact profile shows them; empty when no lead was captured or the contact is another organization's.
 */
public interface ContactLeadFields {
    Map<String, Object> of(OrganizationId organizationId, ContactId contactId);
}
