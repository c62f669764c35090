package io.parley.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the staff notification routes need in an {@link AccessFixture}'s organization: a template of its own, a
 * linked contact point and a dead test notification of the fixture's staff user, and its default rule. Kept by
 * organization id so that the fixture record stays as it is.
 */
record NotificationFixture(String templateName, String pointId, String notificationId, String ruleId) {
    private static final Map<String, NotificationFixture> BY_ORGANIZATION = new ConcurrentHashMap<>();

    static void create(Api operator, JdbcClient jdbc, String org, String userId, String suffix) {
        String name = "matrix_" + suffix.substring(0, 8);
        Api.Response template = operator.put(
                "/api/v1/organizations/" + org + "/notification-templates/" + name,
                "{\"variables\": [\"who\"], \"parts\": {\"email\": {\"subject\": \"Hi [[${who}]]\", \"text\": \"Hi\"}}}");
        assertThat(template.status()).as(template.body()).isEqualTo(200);
        UUID point = UUID.randomUUID();
        jdbc.sql("""
                        insert into staff_contact_points (id, organization_id, staff_user_id, channel, address,
                                                          created_at)
                        values (:id, :org, :user, 'email', :address, now())""")
                .param("id", point)
                .param("org", UUID.fromString(org))
                .param("user", UUID.fromString(userId))
                .param("address", "linked-" + suffix + "@acme.test")
                .update();
        UUID notification = UUID.randomUUID();
        jdbc.sql("""
                        insert into staff_notifications (id, organization_id, staff_user_id, channel, address, template,
                                                         variables, test, status, attempts, last_error, requested_at,
                                                         finished_at)
                        values (:id, :org, :user, 'email', 'x@acme.test', 'test', '{}', true, 'dead', 4, 'smtp_550',
                                now(), now())""")
                .param("id", notification)
                .param("org", UUID.fromString(org))
                .param("user", UUID.fromString(userId))
                .update();
        String rule = jdbc.sql("select id::text from notification_rules where organization_id = :org limit 1")
                .param("org", UUID.fromString(org))
                .query(String.class)
                .single();
        BY_ORGANIZATION.put(org, new NotificationFixture(name, point.toString(), notification.toString(), rule));
    }

    static NotificationFixture of(String org) {
        return BY_ORGANIZATION.get(org);
    }
}
