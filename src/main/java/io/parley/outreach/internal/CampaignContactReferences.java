package io.parley.outreach.internal;

import io.parley.contacts.ContactReferences;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What campaigns queued for a merged contact counts for the contact it joined (once per campaign). */
@Component
class CampaignContactReferences implements ContactReferences {
    private final JdbcClient jdbc;

    CampaignContactReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void move(OrganizationId organizationId, ContactId from, ContactId into) {
        jdbc.sql("""
                        update campaign_messages m set contact_id = :into
                        where m.contact_id = :from
                          and m.campaign_id in (select id from campaigns where organization_id = :org)
                          and not exists (select 1 from campaign_messages o
                                          where o.campaign_id = m.campaign_id and o.contact_id = :into)""")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
        jdbc.sql("""
                        delete from campaign_messages
                        where contact_id = :from and campaign_id in (select id from campaigns where organization_id = :org)""")
                .param("org", organizationId.value())
                .param("from", from.value())
                .update();
    }
}
