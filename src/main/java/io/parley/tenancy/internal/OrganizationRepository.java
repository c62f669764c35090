package io.parley.tenancy.internal;

import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import io.parley.platform.cache.ChangeNotices;
import io.parley.tenancy.NotificationSettings;
import io.parley.tenancy.Organization;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organizations; every write announces the organization ({@link #TOPIC}) for the caches of other nodes (ADR 50). */
@Repository
public class OrganizationRepository {
    /** Notices about organizations, keyed by organization id. */
    public static final String TOPIC = "organizations";

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final ChangeNotices notices;

    OrganizationRepository(JdbcClient jdbc, SecretBox secrets, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.notices = notices;
    }

    public void rename(OrganizationId id, String name) {
        jdbc.sql("update organizations set name = :name where id = :id")
                .param("id", id.value())
                .param("name", name)
                .update();
        notices.announce(TOPIC, id);
    }

    public NotificationSettings notifications(OrganizationId id) {
        return jdbc.sql(
                        "select notification_method, notification_email, slack_webhook_url from organizations where id = :id")
                .param("id", id.value())
                .query((rs, row) -> {
                    byte[] slack = rs.getBytes("slack_webhook_url");
                    return new NotificationSettings(
                            rs.getString("notification_method"),
                            rs.getString("notification_email"),
                            slack == null ? null : Secret.of(secrets.open(slack, slackContext(id))));
                })
                .optional()
                .orElse(NotificationSettings.DISABLED);
    }

    /** {@code slackWebhookUrl}: null keeps the stored one, empty removes it. */
    public void updateNotifications(OrganizationId id, String method, String email, String slackWebhookUrl) {
        jdbc.sql("""
                        update organizations set notification_method = :method, notification_email = :email,
                            slack_webhook_url = case when :slackChange then :slack else slack_webhook_url end
                        where id = :id""")
                .param("id", id.value())
                .param("method", method)
                .param("email", email)
                .param("slackChange", slackWebhookUrl != null)
                .param(
                        "slack",
                        slackWebhookUrl == null || slackWebhookUrl.isEmpty()
                                ? null
                                : secrets.seal(slackWebhookUrl, slackContext(id)))
                .update();
        notices.announce(TOPIC, id);
    }

    private static String slackContext(OrganizationId id) {
        return "organizations.slack_webhook_url:" + id;
    }

    public Organization insert(OrganizationId id, String name, String slug) {
        Organization inserted = jdbc.sql(
                        "insert into organizations (id, name, slug) values (:id, :name, :slug) returning *")
                .param("id", id.value())
                .param("name", name)
                .param("slug", slug)
                .query(OrganizationRepository::map)
                .single();
        notices.announce(TOPIC, id); // a node may have cached "not found" for it
        return inserted;
    }

    public void insertIfSlugAbsent(OrganizationId id, String name, String slug) {
        jdbc.sql("insert into organizations (id, name, slug) values (:id, :name, :slug) on conflict (slug) do nothing")
                .param("id", id.value())
                .param("name", name)
                .param("slug", slug)
                .update();
        notices.announce(TOPIC, id);
    }

    public Optional<Organization> find(OrganizationId id) {
        return jdbc.sql("select * from organizations where id = :id")
                .param("id", id.value())
                .query(OrganizationRepository::map)
                .optional();
    }

    public Optional<Organization> findBySlug(String slug) {
        return jdbc.sql("select * from organizations where slug = :slug")
                .param("slug", slug)
                .query(OrganizationRepository::map)
                .optional();
    }

    public List<Organization> list() {
        return jdbc.sql("select * from organizations order by created_at, id")
                .query(OrganizationRepository::map)
                .list();
    }

    /** Pauses or resumes; {@code resumed_at} moves only when a paused organization becomes active (ADR 33). */
    public void setActive(OrganizationId id, boolean active, Instant now) {
        jdbc.sql("""
                        update organizations
                        set resumed_at = case when :active and not active then :now else resumed_at end,
                            active = :active
                        where id = :id""")
                .param("id", id.value())
                .param("active", active)
                .param("now", Timestamp.from(now))
                .update();
        notices.announce(TOPIC, id);
    }

    /**
     * Deletes the organization; everything it owns goes with it by foreign-key cascade (ADR 33), so its chatbots and
     * channel accounts are announced too (all of them: rare, and cheaper than listing them).
     */
    public boolean delete(OrganizationId id) {
        boolean deleted = jdbc.sql("delete from organizations where id = :id")
                        .param("id", id.value())
                        .update()
                == 1;
        notices.announce(TOPIC, id);
        notices.announceAll(ChatbotRepository.TOPIC);
        notices.announceAll(ChannelAccountRepository.TOPIC);
        return deleted;
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        Timestamp resumedAt = rs.getTimestamp("resumed_at");
        return new Organization(
                new OrganizationId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getBoolean("active"),
                resumedAt == null ? null : resumedAt.toInstant());
    }
}
