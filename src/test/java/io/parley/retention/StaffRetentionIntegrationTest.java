package io.parley.retention;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The retention sweep deletes ended staff sessions and old failed logins, never what sign-in still needs. */
class StaffRetentionIntegrationTest extends IntegrationTestSupport {
    static final String PASSWORD = "correct horse battery staple";

    @Autowired
    RetentionSweep sweep;

    String org;

    @BeforeEach
    void anOrganizationAndNoSweepRunningBesideTheTest() {
        org = Tenants.organization(api, "Retention " + UUID.randomUUID());
        // The recurring sweep runs once at startup, then hourly: wait until its next run lies ahead, so the counts
        // below are this test's sweeps alone.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                        select count(*) filter (where not picked and execution_time > now()) = 1
                           and count(*) = 1
                        from scheduled_tasks where task_name = :task""")
                        .param("task", RetentionSweep.TASK)
                        .query(Boolean.class)
                        .single());
    }

    @Test
    void should_delete_sessions_ended_and_failures_made_more_than_a_day_ago_and_nothing_on_a_second_sweep() {
        UUID user = user(email("swept"));
        Instant now = time.now();
        session(user, now.minus(Duration.ofDays(2)), null);
        session(user, now.plus(Duration.ofDays(1)), now.minus(Duration.ofDays(2)));
        UUID expiredRecently = session(user, now.minus(Duration.ofHours(1)), null);
        UUID revokedRecently = session(user, now.plus(Duration.ofHours(11)), now.minus(Duration.ofHours(1)));
        UUID live = session(user, now.plus(Duration.ofHours(11)), null);
        String hash = "retention-" + UUID.randomUUID();
        failure(hash, now.minus(Duration.ofDays(2)));
        failure(hash, now.minus(Duration.ofHours(23)));
        failure(hash, now.minus(Duration.ofMinutes(5)));

        RetentionSweep.Result first = sweep.sweep();

        assertThat(first.staffSessions()).isEqualTo(2);
        assertThat(first.loginFailures()).isEqualTo(1);
        assertThat(sessionsOf(user)).containsExactlyInAnyOrder(expiredRecently, revokedRecently, live);
        assertThat(failureAges(hash)).containsExactly(Duration.ofHours(23), Duration.ofMinutes(5));

        RetentionSweep.Result second = sweep.sweep();

        assertThat(second.staffSessions()).isZero();
        assertThat(second.loginFailures()).isZero();
        assertThat(sessionsOf(user)).containsExactlyInAnyOrder(expiredRecently, revokedRecently, live);
        assertThat(failureAges(hash)).hasSize(2);
    }

    @Test
    void should_keep_a_signed_in_session_working_when_the_sweep_deletes_the_users_ended_ones() {
        String email = email("live");
        UUID user = user(email);
        Api.Response login = api.withToken(null).post("/api/v1/auth/login", credentials(email, PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        UUID ended = session(user, time.now().minus(Duration.ofDays(2)), null);

        RetentionSweep.Result result = sweep.sweep();

        assertThat(result.staffSessions()).isEqualTo(1);
        assertThat(sessionsOf(user)).hasSize(1).doesNotContain(ended);
        Api.Response chatbots = api.withToken(login.text("token")).get("/api/v1/organizations/" + org + "/chatbots");
        assertThat(chatbots.status()).as(chatbots.body()).isEqualTo(200);
    }

    @Test
    void should_keep_throttling_logins_when_the_sweep_deletes_the_emails_old_failures() {
        String email = email("target");
        user(email);
        for (int i = 0; i < 10; i++) {
            assertThat(api.withToken(null)
                            .post("/api/v1/auth/login", credentials(email, "wrong password " + i))
                            .status())
                    .isEqualTo(401);
        }
        String hash = jdbc.sql("select encode(sha256(convert_to(lower(:email), 'UTF8')), 'hex')")
                .param("email", email)
                .query(String.class)
                .single();
        failure(hash, time.now().minus(Duration.ofDays(2)));

        RetentionSweep.Result result = sweep.sweep();

        assertThat(result.loginFailures()).isEqualTo(1);
        assertThat(failureAges(hash)).hasSize(10);
        assertProblem(
                api.withToken(null).post("/api/v1/auth/login", credentials(email, PASSWORD)),
                429,
                "too_many_login_attempts");
    }

    private UUID user(String email) {
        Api.Response created = api.post(
                "/api/v1/organizations/" + org + "/users",
                Api.json()
                        .writeValueAsString(
                                Map.of("email", email, "name", "Staff", "role", "agent", "password", PASSWORD)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.text("id"));
    }

    /** A session that expires (or expired) at {@code expiresAt}, revoked at {@code revokedAt} if not null. */
    private UUID session(UUID user, Instant expiresAt, Instant revokedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into staff_sessions (id, user_id, token_hash, created_at, expires_at, revoked_at)
                        values (:id, :user, :hash, :created, :expires, :revoked)""")
                .param("id", id)
                .param("user", user)
                .param("hash", "retention-" + id)
                .param("created", Timestamp.from(expiresAt.minus(Duration.ofHours(12))))
                .param("expires", Timestamp.from(expiresAt))
                .param("revoked", revokedAt == null ? null : Timestamp.from(revokedAt), java.sql.Types.TIMESTAMP)
                .update();
        return id;
    }

    private void failure(String emailHash, Instant at) {
        jdbc.sql("insert into login_failures (email_hash, failed_at) values (:hash, :at)")
                .param("hash", emailHash)
                .param("at", Timestamp.from(at))
                .update();
    }

    private List<UUID> sessionsOf(UUID user) {
        return jdbc.sql("select id from staff_sessions where user_id = :user")
                .param("user", user)
                .query(UUID.class)
                .list();
    }

    /** How old the email's failures are, oldest first, rounded to the minute. */
    private List<Duration> failureAges(String emailHash) {
        return jdbc.sql("""
                        select round(extract(epoch from now() - failed_at) / 60) from login_failures
                        where email_hash = :hash order by failed_at""").param("hash", emailHash).query(Long.class).list().stream()
                .map(Duration::ofMinutes)
                .toList();
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@acme.test";
    }

    private static String credentials(String email, String password) {
        return Api.json().writeValueAsString(Map.of("email", email, "password", password));
    }
}
