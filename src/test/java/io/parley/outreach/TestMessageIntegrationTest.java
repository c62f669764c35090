package io.parley.outreach;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ServiceWindowRows;
import io.parley.testing.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The owner's test message (seed 004) to a staff member's WhatsApp number, on the transactional lane. */
class TestMessageIntegrationTest extends IntegrationTestSupport {
    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void should_send_the_test_text_to_the_staff_phone_and_report_its_status_when_an_admin_asks() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String phone = BroadcastIntegrationTest.newPhone();
        ServiceWindowRows.openFor(jdbc, bot, phone); // the owner wrote to the number today
        String owner = staff(bot, "owner", "+" + phone.substring(0, 2) + " " + phone.substring(2));
        Api admin = session(bot, "admin", null);

        Api.Response sent =
                admin.post(test(bot), "{\"staffUserId\": \"" + owner + "\", \"text\": \"Ping from Parley\"}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("status")).isEqualTo("queued");
        String deliveryId = sent.text("deliveryId");
        await().atMost(Duration.ofSeconds(15)).until(() -> !sendsTo(bot, phone).isEmpty());
        assertThat(sendsTo(bot, phone)).containsExactly("Ping from Parley");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        admin.get(test(bot) + "/" + deliveryId).text("status").equals("sent"));
        assertThat(jdbc.sql("select lane from outbound_messages where id = cast(:id as uuid)")
                        .param("id", deliveryId)
                        .query(String.class)
                        .single())
                .isEqualTo("transactional");
        assertThat(api.get(test(bot) + "/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void should_send_to_the_signed_in_staff_member_when_no_staff_user_is_named() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String phone = BroadcastIntegrationTest.newPhone();
        ServiceWindowRows.openFor(jdbc, bot, phone);
        Api owner = session(bot, "owner", "+" + phone);

        Api.Response sent = owner.post(test(bot), "{}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> !sendsTo(bot, phone).isEmpty());
        assertThat(sendsTo(bot, phone).getFirst()).startsWith("Parley test message");
    }

    @Test
    void should_report_window_closed_and_send_nothing_when_the_staff_member_never_wrote_to_the_number() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String phone = BroadcastIntegrationTest.newPhone();
        String owner = staff(bot, "owner", "+" + phone);

        Api.Response sent = api.post(test(bot), "{\"staffUserId\": \"" + owner + "\"}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(test(bot) + "/" + sent.text("deliveryId"))
                        .text("status")
                        .equals("window_closed"));
        assertThat(sendsTo(bot, phone)).isEmpty();
    }

    @Test
    void should_refuse_agents_and_staff_without_a_phone() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String noPhone = staff(bot, "admin", null);
        Api agent = session(bot, "agent", "+" + BroadcastIntegrationTest.newPhone());

        assertProblem(agent.post(test(bot), "{}"), 403, "forbidden");
        assertProblem(api.post(test(bot), "{\"staffUserId\": \"" + noPhone + "\"}"), 400, "staff_phone_missing");
        assertProblem(
                api.post(
                        "/api/v1/organizations/" + bot.organizationId() + "/users",
                        "{\"email\": \"x-" + UUID.randomUUID() + "@acme.test\", \"name\": \"X\", \"role\": \"agent\", "
                                + "\"password\": \"" + PASSWORD + "\", \"phone\": \"12\"}"),
                400,
                "validation_failed");
        assertThat(GraphFake.sends(bot.phoneNumberId())).isEmpty();
    }

    @Test
    void should_send_to_a_phone_added_later_and_stop_when_it_is_removed() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String user = staff(bot, "agent", null);
        String phone = BroadcastIntegrationTest.newPhone();
        ServiceWindowRows.openFor(jdbc, bot, phone);
        String path = "/api/v1/organizations/" + bot.organizationId() + "/users/" + user;

        Api.Response patched = api.patch(path, "{\"phone\": \"+" + phone + "\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.text("phone")).isEqualTo("+" + phone);
        assertThat(api.post(test(bot), "{\"staffUserId\": \"" + user + "\"}").status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> !sendsTo(bot, phone).isEmpty());

        assertThat(api.patch(path, "{\"phone\": \"\"}").json().path("phone").isMissingNode())
                .isTrue();
        assertProblem(api.post(test(bot), "{\"staffUserId\": \"" + user + "\"}"), 400, "staff_phone_missing");
    }

    private List<String> sendsTo(Tenants.WhatsAppBot bot, String phone) {
        return GraphFake.sends(bot.phoneNumberId()).stream()
                .map(r -> Api.json().readTree(r.getBodyAsString()))
                .filter(b -> b.path("to").asString().equals(phone))
                .map(b -> b.path("text").path("body").asString())
                .toList();
    }

    /** Creates a staff user (as the operator) and returns their id. */
    private String staff(Tenants.WhatsAppBot bot, String role, String phone) {
        return createStaff(bot, role, phone, "s-" + UUID.randomUUID() + "@acme.test");
    }

    private String createStaff(Tenants.WhatsAppBot bot, String role, String phone, String email) {
        Api.Response created = api.post(
                "/api/v1/organizations/" + bot.organizationId() + "/users",
                "{\"email\": \"" + email + "\", \"name\": \"Staff\", \"role\": \"" + role + "\", \"password\": \""
                        + PASSWORD + "\"" + (phone == null ? "" : ", \"phone\": \"" + phone + "\"") + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    private Api session(Tenants.WhatsAppBot bot, String role, String phone) {
        String email = "s-" + UUID.randomUUID() + "@acme.test";
        createStaff(bot, role, phone, email);
        Api.Response login = api.withToken(null)
                .post("/api/v1/auth/login", "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return api.withToken(login.text("token"));
    }

    private static String test(Tenants.WhatsAppBot bot) {
        return "/api/v1/organizations/" + bot.organizationId() + "/messaging/test";
    }
}
