package io.parley.usage.internal;

import io.parley.contacts.ContactReferences;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Usage follows a merged contact: its usage records, and its per-day message counts added to the other contact's
 * (a merge re-keys the aggregate; it never counts anything new, so ADR 14's "only the ledger counts" holds).
 */
@Component
class UsageContactReferences implements ContactReferences {
    private final JdbcClient jdbc;

    UsageContactReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void move(OrganizationId organizationId, ContactId from, ContactId into) {
        jdbc.sql("update usage_records set contact_id = :into where organization_id = :org and contact_id = :from")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
        jdbc.sql("""
                        insert into contact_usage_days (organization_id, contact_id, day, messages)
                        select organization_id, :into, day, messages from contact_usage_days
                        where organization_id = :org and contact_id = :from
                        on conflict (contact_id, day) do update
                            set messages = contact_usage_days.messages + excluded.messages""")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
        jdbc.sql("delete from contact_usage_days where organization_id = :org and contact_id = :from")
                .param("org", organizationId.value())
                .param("from", from.value())
                .update();
    }
}
