package io.parley.tenancy.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.tenancy.PilotMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code chatbot_pilots}, one row per chatbot that set pilot mode; a change is announced as a chatbot's (ADR 50). */
@Repository
public class ChatbotPilotRepository {
    private final JdbcClient jdbc;
    private final ChangeNotices notices;

    ChatbotPilotRepository(JdbcClient jdbc, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    public Optional<PilotMode> find(OrganizationId organization, ChatbotId chatbot) {
        return jdbc.sql("""
                        select enabled, addresses from chatbot_pilots
                        where chatbot_id = :bot and organization_id = :org""")
                .param("bot", chatbot.value())
                .param("org", organization.value())
                .query((rs, row) -> new PilotMode(rs.getBoolean("enabled"), Arrays.asList((String[])
                        rs.getArray("addresses").getArray())))
                .optional();
    }

    public void save(OrganizationId organization, ChatbotId chatbot, PilotMode pilot, Instant now) {
        jdbc.sql("""
                        insert into chatbot_pilots (chatbot_id, organization_id, enabled, addresses, updated_at)
                        values (:bot, :org, :enabled, :addresses, :now)
                        on conflict (chatbot_id) do update
                            set enabled = excluded.enabled, addresses = excluded.addresses,
                                updated_at = excluded.updated_at
                            where chatbot_pilots.organization_id = excluded.organization_id""")
                .param("bot", chatbot.value())
                .param("org", organization.value())
                .param("enabled", pilot.enabled())
                .param("addresses", pilot.allow().toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .update();
        notices.announce(ChatbotRepository.TOPIC, chatbot);
    }
}
