package io.parley.notifications.internal.rules;

import io.parley.access.Role;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** An organization's notification rules ({@code notification_rules}; a new organization gets the default rule). */
@Repository
public class NotificationRules {
    private static final String COLUMNS = """
            id, name, event_types, roles, staff_user_ids, channels, template, quiet_from, quiet_until, time_zone,
            created_at""";
    private final JdbcClient jdbc;

    NotificationRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<NotificationRule> list(OrganizationId organization) {
        return jdbc.sql("select " + COLUMNS + " from notification_rules where organization_id = :org"
                        + " order by created_at, id")
                .param("org", organization.value())
                .query(NotificationRules::rule)
                .list();
    }

    public NotificationRule get(OrganizationId organization, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from notification_rules where organization_id = :org and id = :id")
                .param("org", organization.value())
                .param("id", id)
                .query(NotificationRules::rule)
                .optional()
                .orElseThrow(() -> new NotFoundException(
                        "notification_rule_not_found", "No notification rule with id '" + id + "'"));
    }

    public void insert(OrganizationId organization, NotificationRule rule) {
        jdbc.sql("""
                        insert into notification_rules (id, organization_id, name, event_types, roles, staff_user_ids,
                            channels, template, quiet_from, quiet_until, time_zone, created_at)
                        values (:id, :org, :name, :types, :roles, :users, :channels, :template, :from, :until, :zone,
                            :created)""")
                .params(params(organization, rule))
                .param("created", java.sql.Timestamp.from(rule.createdAt()))
                .update();
    }

    public boolean update(OrganizationId organization, NotificationRule rule) {
        return jdbc.sql("""
                        update notification_rules set name = :name, event_types = :types, roles = :roles,
                            staff_user_ids = :users, channels = :channels, template = :template, quiet_from = :from,
                            quiet_until = :until, time_zone = :zone
                        where id = :id and organization_id = :org""").params(params(organization, rule)).update() == 1;
    }

    public boolean delete(OrganizationId organization, UUID id) {
        return jdbc.sql("delete from notification_rules where id = :id and organization_id = :org")
                        .param("id", id)
                        .param("org", organization.value())
                        .update()
                == 1;
    }

    private static java.util.Map<String, Object> params(OrganizationId organization, NotificationRule rule) {
        QuietHours quiet = rule.quietHours();
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("id", rule.id());
        p.put("org", organization.value());
        p.put("name", rule.name());
        p.put("types", rule.eventTypes().toArray(String[]::new));
        p.put("roles", rule.roles().stream().map(Role::wireName).toArray(String[]::new));
        p.put("users", rule.staffUserIds().toArray(UUID[]::new));
        p.put("channels", rule.channels().toArray(String[]::new));
        p.put("template", rule.template());
        p.put("from", quiet == null ? null : Time.valueOf(quiet.from()));
        p.put("until", quiet == null ? null : Time.valueOf(quiet.until()));
        p.put("zone", quiet == null ? null : quiet.zone().getId());
        return p;
    }

    private static NotificationRule rule(ResultSet rs, int n) throws SQLException {
        Time from = rs.getTime("quiet_from");
        Time until = rs.getTime("quiet_until");
        String zone = rs.getString("time_zone");
        QuietHours quiet = from == null || until == null || zone == null
                ? null
                : new QuietHours(from.toLocalTime(), until.toLocalTime(), ZoneId.of(zone));
        return new NotificationRule(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                strings(rs.getArray("event_types")),
                strings(rs.getArray("roles")).stream()
                        .map(r -> Role.parse("roles", r))
                        .toList(),
                Arrays.stream((Object[]) rs.getArray("staff_user_ids").getArray())
                        .map(o -> (UUID) o)
                        .toList(),
                strings(rs.getArray("channels")),
                rs.getString("template"),
                quiet,
                rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
