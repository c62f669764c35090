package io.parley.channels.client;

import io.parley.contacts.ContactReferences;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When two contacts merge, the request ids of the merged one count for the contact it joined (so a retry after the
 * merge is still a duplicate); where both used the same id on a channel, the joined contact's stays.
 */
@Component
class ClientRequestContactReferences implements ContactReferences {
    private final JdbcClient jdbc;

    ClientRequestContactReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void move(OrganizationId organizationId, ContactId from, ContactId into) {
        jdbc.sql("""
                        update client_requests r set contact_id = :into
                        where r.contact_id = :from
                          and r.channel_account_id in (select channel_account_id from client_channels
                                                       where organization_id = :org)
                          and not exists (select 1 from client_requests o where o.contact_id = :into
                                          and o.channel_account_id = r.channel_account_id
                                          and o.request_id = r.request_id)""")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
        jdbc.sql("delete from client_requests where contact_id = :from")
                .param("from", from.value())
                .update();
    }
}
