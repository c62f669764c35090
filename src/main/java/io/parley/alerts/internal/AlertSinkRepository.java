package io.parley.alerts.internal;

import io.parley.events.SystemEvent;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AlertSinkRepository {
    private final JdbcClient jdbc;
    private final SecretBox secrets;

    AlertSinkRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    void insert(
            UUID id,
            OrganizationId organizationId,
            AlertSink.Type type,
            String slackUrl,
            String url,
            String emailTo,
            String secret,
            SystemEvent.Level minLevel,
            List<String> types) {
        jdbc.sql("""
                        insert into alert_sinks (id, organization_id, type, url_sealed, url, email_to, secret_sealed,
                                                 min_level, types)
                        values (:id, :org, :type, :slack, :url, :to, :secret, :level, :types)""")
                .param("id", id)
                .param("org", organizationId.value())
                .param("type", type.name().toLowerCase(Locale.ROOT))
                .param("slack", slackUrl == null ? null : secrets.seal(slackUrl, context("url_sealed", id)))
                .param("url", url)
                .param("to", emailTo)
                .param("secret", secret == null ? null : secrets.seal(secret, context("secret_sealed", id)))
                .param("level", minLevel.name().toLowerCase(Locale.ROOT))
                .param("types", types.toArray(String[]::new))
                .update();
    }

    List<AlertSink> list(OrganizationId organizationId) {
        return jdbc.sql("select * from alert_sinks where organization_id = :org order by created_at, id")
                .param("org", organizationId.value())
                .query(this::map)
                .list();
    }

    Optional<AlertSink> find(UUID id) {
        return jdbc.sql("select * from alert_sinks where id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    boolean delete(OrganizationId organizationId, UUID id) {
        return jdbc.sql("delete from alert_sinks where id = :id and organization_id = :org")
                        .param("id", id)
                        .param("org", organizationId.value())
                        .update()
                == 1;
    }

    private AlertSink map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] slack = rs.getBytes("url_sealed");
        byte[] secret = rs.getBytes("secret_sealed");
        Array types = rs.getArray("types");
        return new AlertSink(
                id,
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                AlertSink.Type.valueOf(rs.getString("type").toUpperCase(Locale.ROOT)),
                slack == null ? null : Secret.of(secrets.open(slack, context("url_sealed", id))),
                rs.getString("url"),
                rs.getString("email_to"),
                secret == null ? null : Secret.of(secrets.open(secret, context("secret_sealed", id))),
                SystemEvent.Level.valueOf(rs.getString("min_level").toUpperCase(Locale.ROOT)),
                Arrays.asList((String[]) types.getArray()),
                rs.getTimestamp("created_at").toInstant());
    }

    private static String context(String column, UUID id) {
        return "alert_sinks." + column + ":" + id;
    }
}
