package io.parley.engines.internal;

import io.parley.engines.ExternalEndpoint;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code external_engines}: one endpoint per chatbot, its signing secret sealed with the row's context. Every query
 * names the organization, so another tenant's chatbot id finds nothing.
 */
@Repository
public class ExternalEngineRepository {
    private final JdbcClient jdbc;
    private final SecretBox secrets;

    ExternalEngineRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** An endpoint with its secret opened, for signing. */
    public record StoredEndpoint(ExternalEndpoint endpoint, Secret secret) {}

    public Optional<StoredEndpoint> find(OrganizationId organization, ChatbotId chatbot) {
        return jdbc.sql("select * from external_engines where chatbot_id = :bot and organization_id = :org")
                .param("bot", chatbot.value())
                .param("org", organization.value())
                .query(this::map)
                .optional();
    }

    public boolean exists(OrganizationId organization, ChatbotId chatbot) {
        return jdbc.sql("select count(*) from external_engines where chatbot_id = :bot and organization_id = :org")
                        .param("bot", chatbot.value())
                        .param("org", organization.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Creates the endpoint or replaces all of it, secret included. */
    public void save(
            OrganizationId organization, ChatbotId chatbot, String url, Duration timeout, Secret secret, Instant now) {
        jdbc.sql("""
                        insert into external_engines (chatbot_id, organization_id, url, timeout_ms, secret_sealed,
                                                      created_at, updated_at)
                        values (:bot, :org, :url, :timeout, :secret, :now, :now)
                        on conflict (chatbot_id) do update
                            set url = excluded.url, timeout_ms = excluded.timeout_ms,
                                secret_sealed = excluded.secret_sealed, updated_at = excluded.updated_at
                            where external_engines.organization_id = excluded.organization_id""")
                .param("bot", chatbot.value())
                .param("org", organization.value())
                .param("url", url)
                .param("timeout", Math.toIntExact(timeout.toMillis()))
                .param("secret", secrets.seal(secret.reveal(), context(chatbot.value())))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Changes the URL and timeout, keeping the secret. */
    public void update(OrganizationId organization, ChatbotId chatbot, String url, Duration timeout, Instant now) {
        jdbc.sql("""
                        update external_engines set url = :url, timeout_ms = :timeout, updated_at = :now
                        where chatbot_id = :bot and organization_id = :org""")
                .param("bot", chatbot.value())
                .param("org", organization.value())
                .param("url", url)
                .param("timeout", Math.toIntExact(timeout.toMillis()))
                .param("now", Timestamp.from(now))
                .update();
    }

    public boolean delete(OrganizationId organization, ChatbotId chatbot) {
        return jdbc.sql("delete from external_engines where chatbot_id = :bot and organization_id = :org")
                        .param("bot", chatbot.value())
                        .param("org", organization.value())
                        .update()
                == 1;
    }

    private StoredEndpoint map(ResultSet rs, int row) throws SQLException {
        UUID chatbot = rs.getObject("chatbot_id", UUID.class);
        ExternalEndpoint endpoint = new ExternalEndpoint(
                new ChatbotId(chatbot),
                rs.getString("url"),
                Duration.ofMillis(rs.getInt("timeout_ms")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
        return new StoredEndpoint(endpoint, Secret.of(secrets.open(rs.getBytes("secret_sealed"), context(chatbot))));
    }

    private static String context(UUID chatbot) {
        return "external_engines.secret_sealed:" + chatbot;
    }
}
