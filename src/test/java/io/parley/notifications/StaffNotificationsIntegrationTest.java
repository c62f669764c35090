package io.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Staff notifications on the shared context (no SMTP host here, so an email notification ends dead with
 * {@code email_not_configured}; {@code StaffNotificationEmailIntegrationTest} sends for real): rules turn events
 * into notifications, quiet hours and per-recipient limits defer them, dead ones are listed and replayed, the test
 * endpoint's error cases, templates and contact points through the API, code redemption through {@link StaffLinks}.
 */
class StaffNotificationsIntegrationTest extends IntegrationTestSupport {
    static final String TASK = "staff-notification";

    @Autowired
    SystemEvents events;

    @Autowired
    StaffLinks links;

    StaffOrganization org;

    @BeforeEach
    void anOrganization() {
        org = StaffOrganization.create(api);
    }

    @Test
    void should_notify_owners_admins_and_agents_by_email_when_a_handover_is_requested_by_the_default_rule() {
        var owner = org.user("owner");
        var agent = org.user("agent");

        record(SystemEvent.Level.INFO, "conversation.handover_requested");

        List<Map<String, Object>> rows =
                jdbc.sql("""
                        select staff_user_id::text as user, channel, address, template, status
                        from staff_notifications where organization_id = :org order by address""").param("org", UUID.fromString(org.id)).query().listOfRows();
        assertThat(rows)
                .extracting(r -> r.get("user"), r -> r.get("address"), r -> r.get("template"), r -> r.get("status"))
                .containsExactlyInAnyOrder(
                        tuple(owner.id(), owner.email(), "handover_requested", "queued"),
                        tuple(agent.id(), agent.email(), "handover_requested", "queued"));
        record(SystemEvent.Level.INFO, "llm.error"); // no rule for it
        assertThat(count("select count(*) from staff_notifications where organization_id = :org"))
                .isEqualTo(2);
    }

    @Test
    void should_tell_staff_when_a_flow_ends_with_a_notification_by_the_default_rule() {
        var admin = org.user("admin");

        // What FlowRunner records for an end step with notify: (issue 16)
        events.record(SystemEvent.of(SystemEvent.Level.INFO, "flow.staff_notified")
                .organization(new OrganizationId(UUID.fromString(org.id)))
                .with("notification", "new_booking")
                .with("status", "booked")
                .build());

        List<Map<String, Object>> rows =
                jdbc.sql("""
                        select address, template, variables::text as variables from staff_notifications
                        where organization_id = :org""").param("org", UUID.fromString(org.id)).query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("address")).isEqualTo(admin.email());
        assertThat(rows.getFirst().get("template")).isEqualTo("flow_notification");
        assertThat((String) rows.getFirst().get("variables")).contains("new_booking", "booked");
        Api.Response preview = api.post(org.path("/notification-templates/flow_notification/preview"), "{}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("channels").path("email").path("subject").asString())
                .contains("new_booking");
    }

    @Test
    void should_end_dead_with_a_system_event_and_be_replayable_once_when_the_channel_refuses_for_good() {
        org.user("admin");
        record(SystemEvent.Level.INFO, "conversation.waiting");

        time.advance(Duration.ofSeconds(1));

        Api.Response dead = api.get(org.path("/staff-notifications?status=dead"));
        assertThat(dead.status()).as(dead.body()).isEqualTo(200);
        assertThat(dead.json()).hasSize(1);
        assertThat(dead.json().get(0).path("error").asString()).isEqualTo("email_not_configured");
        assertThat(dead.json().get(0).has("sentAt")).isFalse();
        assertThat(count("select count(*) from system_events where organization_id = :org"
                        + " and type = 'notification.delivery_dead'"))
                .isEqualTo(1);
        String id = dead.json().get(0).path("deliveryId").asString();

        Api.Response replay = api.post(org.path("/staff-notifications/" + id + "/replay"), "{}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(replay.text("status")).isEqualTo("queued");
        time.advance(Duration.ofSeconds(1));
        assertThat(api.get(org.path("/staff-notifications?status=dead")).json()).hasSize(1);
        // Only a dead notification is replayed: a sent one is refused (the replayed one above may already be dead
        // again on the shared context's running clock, so it cannot show this).
        var admin = org.user("owner");
        UUID sent = sentEarlier(admin.id(), admin.email(), time.now().minus(Duration.ofMinutes(1)));
        assertThat(api.post(org.path("/staff-notifications/" + sent + "/replay"), "{}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void should_defer_a_notification_to_when_the_recipients_email_limit_allows_it() {
        var admin = org.user("admin");
        Instant oldest = time.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 10; i++) {
            sentEarlier(admin.id(), admin.email(), oldest.plus(Duration.ofMinutes(i)));
        }

        record(SystemEvent.Level.INFO, "conversation.waiting");
        time.advance(Duration.ofSeconds(1));

        String id = jdbc.sql(
                        "select id::text from staff_notifications where organization_id = :org and status = 'queued'")
                .param("org", UUID.fromString(org.id))
                .query(String.class)
                .single();
        assertThat(time.scheduled(TASK, id))
                .contains(oldest.plus(Duration.ofHours(1)).plusMillis(1));
        assertThat(count("select attempts from staff_notifications where id = '" + id + "'"))
                .isZero();
    }

    @Test
    void should_defer_to_the_end_of_quiet_hours_unless_the_event_is_critical() {
        var admin = org.user("admin");
        Instant now = time.now();
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
        Api.Response rule = api.post(org.path("/notification-rules"), """
                {"name": "Quiet", "eventTypes": ["custom.*"], "staffUserIds": ["%s"], "channels": ["email"],
                 "template": "test", "quietHours": {"from": "%s", "until": "%s", "timeZone": "UTC"}}""".formatted(
                admin.id(), hhmm.format(now.minus(Duration.ofHours(1))), hhmm.format(now.plus(Duration.ofHours(1)))));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        record(SystemEvent.Level.WARN, "custom.quiet");
        record(SystemEvent.Level.CRITICAL, "custom.urgent");

        Map<String, Instant> due = new java.util.HashMap<>();
        jdbc.sql("""
                        select e.type, n.id::text from staff_notifications n join system_events e on e.id = n.event_id
                        where n.organization_id = :org""")
                .param("org", UUID.fromString(org.id))
                .query((rs, n) -> due.put(
                        rs.getString(1), time.scheduled(TASK, rs.getString(2)).orElseThrow()))
                .list();
        assertThat(due.get("custom.quiet"))
                .isEqualTo(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES));
        assertThat(due.get("custom.urgent")).isBetween(now, time.now());
    }

    @Test
    void should_answer_the_test_endpoints_error_cases() {
        var admin = org.user("admin");
        var agent = org.user("agent");
        String test = org.path("/messaging/test");

        problem(api.post(test, body(UUID.randomUUID().toString(), "email")), 404, "staff_user_not_found");
        problem(api.post(test, body("not-an-id", "email")), 404, "staff_user_not_found");
        Api.Response unknownChannel = api.post(test, body(admin.id(), "whatsapp"));
        problem(unknownChannel, 400, "unknown_staff_channel");
        assertThat(unknownChannel.json().path("channel").asString()).isEqualTo("whatsapp");
        problem(api.post(test, body(admin.id(), "carrier-pigeon")), 400, "unknown_staff_channel");
        problem(
                api.post(
                        test,
                        "{\"staffUserId\": \"" + admin.id() + "\", \"channel\": \"email\", \"template\": \"nope\"}"),
                400,
                "notification_template_unknown");
        problem(api.withToken(agent.token()).post(test, body(admin.id(), "email")), 403, "forbidden");
        assertThat(api.patch(org.path("/users/" + agent.id()), "{\"disabled\": true}")
                        .status())
                .isEqualTo(200);
        Api.Response noPoint = api.post(test, body(agent.id(), "email"));
        problem(noPoint, 400, "no_contact_point");
        assertThat(noPoint.json().path("channel").asString()).isEqualTo("email");

        Api.Response accepted = api.withToken(admin.token()).post(test, body(admin.id(), "email"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.text("status")).isEqualTo("queued");
        String status = test + "/" + accepted.text("deliveryId");
        assertThat(api.get(status).json().path("deliveryTimeMs").isNull()).isTrue();
        StaffOrganization other = StaffOrganization.create(api);
        assertThat(api.get(other.path("/messaging/test/" + accepted.text("deliveryId")))
                        .status())
                .isEqualTo(404);
        time.advance(Duration.ofSeconds(1));
        Api.Response done = api.get(status);
        assertThat(done.text("status")).isEqualTo("dead");
        assertThat(done.text("channel")).isEqualTo("email");
        assertThat(done.text("error")).isEqualTo("email_not_configured");
    }

    @Test
    void should_list_default_templates_save_preview_and_reset_an_organizations_version() {
        Api.Response list = api.get(org.path("/notification-templates"));
        assertThat(list.json().findValuesAsString("name"))
                .contains(
                        "handover_requested",
                        "conversation_waiting",
                        "delivery_failed",
                        "budget_nearly_spent",
                        "deposit_paid",
                        "test");
        String path = org.path("/notification-templates/handover_requested");
        assertThat(api.get(path).json().path("custom").asBoolean()).isFalse();

        Api.Response saved = api.put(path, """
                {"variables": ["who"], "sample": {"who": "Ada & co"},
                 "parts": {"email": {"subject": "For [[${who}]]", "text": "Hi [[${who}]]",
                                     "html": "<b th:text=\\"${who}\\">x</b>"},
                           "chat": {"text": "[# th:if=\\"${who == 'Ada & co'}\\"]VIP [/][[${who}]]"}}}""");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(api.get(path).json().path("custom").asBoolean()).isTrue();

        Api.Response preview = api.post(path + "/preview", "{}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("channels").path("email").path("html").asString())
                .isEqualTo("<b>Ada &amp; co</b>");
        assertThat(preview.json().path("channels").path("email").path("subject").asString())
                .isEqualTo("For Ada & co");
        Api.Response missing = api.post(path + "/preview", "{\"variables\": {\"someone\": \"x\"}}");
        problem(missing, 400, "template_variables_missing");
        assertThat(missing.json().path("missing").get(0).asString()).isEqualTo("who");

        problem(
                api.put(path, "{\"variables\": [], \"parts\": {\"email\": {\"text\": \"[[${1 +}]]\"}}}"),
                400,
                "invalid_notification_template");
        problem(api.put(path, "{\"variables\": [], \"parts\": {}}"), 400, "invalid_notification_template");
        assertThat(api.delete(path).status()).isEqualTo(204);
        assertThat(api.get(path).json().path("custom").asBoolean()).isFalse();
        assertThat(api.delete(path).status()).isEqualTo(404);
        assertThat(api.get(org.path("/notification-templates/nope")).status()).isEqualTo(404);
    }

    @Test
    void should_link_a_chat_address_once_with_a_code_and_refuse_used_unknown_and_expired_codes_alike()
            throws Exception {
        var agent = org.user("agent");
        var other = org.user("agent");
        String code = "c0de_" + UUID.randomUUID().toString().replace("-", "") + "-x";
        String expired = "expired_" + UUID.randomUUID().toString().replace("-", "");
        insertCode(agent.id(), "email", code, time.now().plus(Duration.ofMinutes(15)));
        insertCode(agent.id(), "email", expired, time.now().minusSeconds(1));
        OrganizationId organization = new OrganizationId(UUID.fromString(org.id));

        StaffLinks.Redemption linked = links.redeem("email", organization, null, "desk@acme.test", code);
        StaffLinks.Redemption again = links.redeem("email", organization, null, "desk@acme.test", code);
        StaffLinks.Redemption unknown = links.redeem("email", organization, null, "desk@acme.test", "x".repeat(40));
        StaffLinks.Redemption late = links.redeem("email", organization, null, "desk@acme.test", expired);

        assertThat(linked).isInstanceOf(StaffLinks.Redemption.Linked.class);
        assertThat(linked.reply()).contains("Staff agent");
        assertThat(List.of(again, unknown, late)).allSatisfy(r -> {
            assertThat(r).isInstanceOf(StaffLinks.Redemption.Refused.class);
            assertThat(r.reply()).isEqualTo(unknown.reply());
        });
        String points = org.path("/staff/" + agent.id() + "/contact-points");
        Api.Response own = api.withToken(agent.token()).get(points);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().findValuesAsString("address")).containsExactly(agent.email(), "desk@acme.test");
        problem(api.withToken(other.token()).get(points), 403, "forbidden");
        problem(api.withToken(agent.token()).post(points + "/email/link", "{}"), 400, "staff_channel_cannot_link");
        String linkedId = own.json().get(1).path("id").asString();
        assertThat(api.withToken(other.token())
                        .delete(points + "/email/" + linkedId)
                        .status())
                .isEqualTo(403);
        assertThat(api.withToken(agent.token())
                        .delete(points + "/email/" + linkedId)
                        .status())
                .isEqualTo(204);
        assertThat(api.get(points).json().findValuesAsString("address")).containsExactly(agent.email());
    }

    @Test
    void should_give_a_new_organization_the_default_rule_and_validate_rules() {
        Api.Response rules = api.get(org.path("/notification-rules"));
        assertThat(rules.json()).hasSize(1);
        assertThat(rules.body()).contains("conversation.handover_requested", "conversation.waiting", "\"*\"");
        problem(
                api.post(org.path("/notification-rules"), "{\"eventTypes\": [\"a.b\"], \"channels\": [\"email\"]}"),
                400,
                "validation_failed");
        problem(
                api.post(
                        org.path("/notification-rules"),
                        "{\"eventTypes\": [\"a.b\"], \"roles\": [\"admin\"], \"channels\": [\"fax\"]}"),
                400,
                "unknown_staff_channel");
        problem(api.post(org.path("/notification-rules"), """
                {"eventTypes": ["a.b"], "roles": ["admin"], "channels": ["email"],
                 "quietHours": {"from": "22:00", "until": "07:00", "timeZone": "Mars/Olympus"}}"""), 400, "validation_failed");
        String id = rules.json().get(0).path("id").asString();
        assertThat(api.delete(org.path("/notification-rules/" + id)).status()).isEqualTo(204);
        org.user("admin");
        record(SystemEvent.Level.INFO, "conversation.handover_requested");
        assertThat(count("select count(*) from staff_notifications where organization_id = :org"))
                .isZero();
    }

    private void record(SystemEvent.Level level, String type) {
        events.record(SystemEvent.of(level, type)
                .organization(new OrganizationId(UUID.fromString(org.id)))
                .with("code", "code_42")
                .build());
    }

    private UUID sentEarlier(String user, String email, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into staff_notifications (id, organization_id, staff_user_id, channel, address,
                            template, variables, status, attempts, requested_at, sent_at, finished_at)
                        values (:id, :org, :user, 'email', :email, 'test', '{}', 'sent', 1, :at, :at, :at)""")
                .param("id", id)
                .param("org", UUID.fromString(org.id))
                .param("user", UUID.fromString(user))
                .param("email", email)
                .param("at", Timestamp.from(at))
                .update();
        return id;
    }

    private void insertCode(String user, String channel, String code, Instant expiresAt) throws Exception {
        jdbc.sql("""
                        insert into staff_link_codes (code_hash, organization_id, staff_user_id, channel, expires_at)
                        values (:hash, :org, :user, :channel, :expires)""")
                .param("hash", MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)))
                .param("org", UUID.fromString(org.id))
                .param("user", UUID.fromString(user))
                .param("channel", channel)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    private long count(String sql) {
        return jdbc.sql(sql)
                .param("org", UUID.fromString(org.id))
                .query(Long.class)
                .single();
    }

    private static String body(String user, String channel) {
        return "{\"staffUserId\": \"" + user + "\", \"channel\": \"" + channel + "\"}";
    }

    private static void problem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.text("code")).as(response.body()).isEqualTo(code);
    }
}
