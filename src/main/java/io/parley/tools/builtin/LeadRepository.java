package io.parley.tools.builtin;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Leads, always read and written within one organization (the seed looked phones up across tenants), one per
 * contact (ADR 25): the tools reach a lead only through the contact of their conversation.
 */
@Repository
class LeadRepository {
    private final JdbcClient jdbc;

    LeadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a capture sets; null keeps the stored value. */
    record Fields(String name, String email, String company, Integer estimatedMessages, String notes) {}

    /**
     * Creates the contact's lead, or merges into it: the phone is the one given, a new value replaces the stored
     * one, an absent value keeps it. One statement, so concurrent captures of one contact count both and never
     * duplicate.
     */
    Lead capture(
            OrganizationId organizationId, ChatbotId chatbotId, ContactId contactId, String phone, Fields capture) {
        return jdbc.sql("""
                        insert into leads (id, organization_id, chatbot_id, contact_id, phone, name, email, company,
                            estimated_messages, notes)
                        values (:id, :org, :bot, :contact, :phone, :name, :email, :company, :estimated, :notes)
                        on conflict (contact_id) where contact_id is not null do update set
                            chatbot_id = excluded.chatbot_id,
                            phone = excluded.phone,
                            name = coalesce(excluded.name, leads.name),
                            email = coalesce(excluded.email, leads.email),
                            company = coalesce(excluded.company, leads.company),
                            estimated_messages = coalesce(excluded.estimated_messages, leads.estimated_messages),
                            notes = coalesce(excluded.notes, leads.notes),
                            contact_count = leads.contact_count + 1,
                            updated_at = now()
                        returning *""")
                .param("id", UUID.randomUUID())
                .param("org", organizationId.value())
                .param("bot", chatbotId.value())
                .param("contact", contactId.value())
                .param("phone", phone)
                .param("name", capture.name())
                .param("email", capture.email())
                .param("company", capture.company())
                .param("estimated", capture.estimatedMessages())
                .param("notes", capture.notes())
                .query(LeadRepository::map)
                .single();
    }

    Optional<Lead> findByContact(OrganizationId organizationId, ContactId contactId) {
        return jdbc.sql("select * from leads where organization_id = :org and contact_id = :contact")
                .param("org", organizationId.value())
                .param("contact", contactId.value())
                .query(LeadRepository::map)
                .optional();
    }

    /** Newest first. */
    List<Lead> list(OrganizationId organizationId) {
        return jdbc.sql("select * from leads where organization_id = :org order by created_at desc, id")
                .param("org", organizationId.value())
                .query(LeadRepository::map)
                .list();
    }

    private static Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(
                rs.getObject("id", UUID.class),
                rs.getString("phone"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("company"),
                rs.getObject("estimated_messages", Integer.class),
                rs.getString("notes"),
                rs.getInt("contact_count"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
