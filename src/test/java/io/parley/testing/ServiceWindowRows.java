package io.parley.testing;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A WhatsApp contact that wrote to the business within the last day, so its 24-hour customer service window is open
 * and free text may be sent to it. Business-initiated text to anyone else ends as {@code window_closed} (or goes
 * out as the chatbot's window template), as on WhatsApp itself.
 */
public final class ServiceWindowRows {
    private ServiceWindowRows() {}

    /** Creates the contact (phone {@code +phoneDigits}) and its conversation with an open window; returns the contact id. */
    public static UUID openFor(JdbcClient jdbc, Tenants.WhatsAppBot bot, String phoneDigits) {
        UUID contact = UUID.randomUUID();
        jdbc.sql("insert into contacts (id, organization_id, chatbot_id) values (:id, cast(:org as uuid), "
                        + "cast(:bot as uuid))")
                .param("id", contact)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .update();
        jdbc.sql("insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id) "
                        + "values (cast(:bot as uuid), 'phone', '+' || :phone, :id, cast(:org as uuid))")
                .param("id", contact)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("phone", phoneDigits)
                .update();
        openForContacts(jdbc, bot, "select cast('" + contact + "' as uuid)");
        return contact;
    }

    /** Opens the window for every contact id the {@code contactIds} query returns (a conversation each). */
    public static void openForContacts(JdbcClient jdbc, Tenants.WhatsAppBot bot, String contactIds) {
        jdbc.sql("""
                        insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id,
                                                   channel, last_inbound_at, window_expires_at)
                        select gen_random_uuid(), cast(:org as uuid), cast(:bot as uuid), c.id,
                               cast(:account as uuid), 'whatsapp', now(), now() + interval '23 hours'
                        from (%s) as c(id)""".formatted(contactIds))
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("account", bot.channelId())
                .update();
    }
}
