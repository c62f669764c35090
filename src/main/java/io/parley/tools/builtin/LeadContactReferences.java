package io.parley.tools.builtin;

import io.parley.contacts.ContactReferences;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leads follow a merged contact. A contact has at most one lead (ADR 25, V19): the merged contact keeps the one
 * touched last; the other stays in the organization's lead list without a contact, out of the tools' reach.
 */
@Component
class LeadContactReferences implements ContactReferences {
    private final JdbcClient jdbc;

    LeadContactReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void move(OrganizationId organizationId, ContactId from, ContactId into) {
        jdbc.sql("""
                        update leads l set contact_id = null
                        where l.organization_id = :org and l.contact_id in (:from, :into)
                          and exists (select 1 from leads newer
                                      where newer.organization_id = :org and newer.contact_id in (:from, :into)
                                        and (newer.updated_at, newer.id) > (l.updated_at, l.id))""")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
        jdbc.sql("update leads set contact_id = :into where organization_id = :org and contact_id = :from")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
    }
}
