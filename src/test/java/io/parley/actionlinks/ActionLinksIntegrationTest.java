package io.parley.actionlinks;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.LinkVisitor;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Action links on real PostgreSQL with Parley's clock standing still: a GET only shows, a POST uses once, expiry
 * follows the clock, only the token's hash is stored, and a last use goes to exactly one of two concurrent POSTs.
 * The purpose is {@link RecordingPurpose}, which counts how often it acted.
 */
@Import(RecordingPurpose.Config.class)
class ActionLinksIntegrationTest extends TimeTestSupport {
    @Autowired
    ActionLinks links;

    @Autowired
    TransactionTemplate transaction;

    OrganizationId organization;
    LinkVisitor visitor;

    @BeforeEach
    void anOrganization() {
        organization = new OrganizationId(UUID.fromString(Tenants.organization(api, "Ink " + UUID.randomUUID())));
        visitor = LinkVisitor.of(api);
    }

    @Test
    void should_show_the_confirmation_page_twice_without_using_the_link_and_act_on_the_post() {
        String subject = subject();
        IssuedLink link = issue(subject, Map.of("title", "Confirm <b>now</b>"), 1);

        Api.Response first = visitor.open(link.token());
        Api.Response second = visitor.open(link.token());

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(first.body())
                .contains("<form method=\"post\" action=\"/a/" + link.token() + "\">")
                .contains("Confirm &lt;b&gt;now&lt;/b&gt;")
                .contains("Booking " + subject)
                .doesNotContain("<b>now</b>")
                .doesNotContain("<script");
        assertThat(header(first, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(first, "X-Robots-Tag")).startsWith("noindex");
        assertThat(header(first, "Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header(first, "Content-Security-Policy"))
                .contains("default-src 'none'", "form-action 'self' https:", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "script-src");
        assertThat(RecordingPurpose.acts(subject)).isZero();
        assertThat(uses(link)).isZero();

        Api.Response pressed = visitor.press(link.token());

        assertThat(pressed.status()).isEqualTo(303);
        assertThat(header(pressed, "Location")).isEqualTo("https://shop.example/bookings/" + subject);
        assertThat(RecordingPurpose.acts(subject)).isEqualTo(1);
        assertThat(uses(link)).isEqualTo(1);
    }

    @Test
    void should_answer_410_used_when_the_link_is_posted_again_after_its_only_use() {
        String subject = subject();
        IssuedLink link = issue(subject, Map.of("outcome", "done"), 1);

        Api.Response used = visitor.press(link.token());
        Api.Response again = visitor.press(link.token());

        assertThat(used.status()).isEqualTo(200);
        assertThat(used.body()).contains("Booking " + subject + " confirmed.");
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("Link already used").contains("This link has been used already.");
        assertThat(visitor.open(link.token()).status()).isEqualTo(410);
        assertProblem(visitor.pressAsJson(link.token()), 410, "action_token_used");
        assertProblem(visitor.openAsJson(link.token()), 410, "action_token_used");
        assertThat(RecordingPurpose.acts(subject)).isEqualTo(1);
        assertThat(uses(link)).isEqualTo(1);
    }

    @Test
    void should_allow_as_many_uses_as_issued_and_no_more() {
        String subject = subject();
        IssuedLink link = issue(subject, Map.of(), 3);

        assertThat(visitor.openAsJson(link.token()).json().path("usesLeft").asInt())
                .isEqualTo(3);
        List<Integer> statuses = List.of(
                visitor.press(link.token()).status(),
                visitor.press(link.token()).status(),
                visitor.press(link.token()).status(),
                visitor.press(link.token()).status());

        assertThat(statuses).containsExactly(303, 303, 303, 410);
        assertThat(RecordingPurpose.acts(subject)).isEqualTo(3);
    }

    @Test
    void should_answer_410_expired_once_the_clock_reaches_the_expiry_and_act_on_nothing() {
        String subject = subject();
        IssuedLink link = issue(subject, Map.of(), 1, Duration.ofHours(12));
        assertThat(link.expiresAt()).isEqualTo(time.now().plus(Duration.ofHours(12)));

        time.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(visitor.open(link.token()).status()).isEqualTo(200);
        time.advance(Duration.ofSeconds(1));

        Api.Response page = visitor.open(link.token());
        Api.Response pressed = visitor.press(link.token());

        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("Link expired");
        assertThat(pressed.status()).isEqualTo(410);
        assertThat(pressed.body()).contains("This link has expired.");
        assertProblem(visitor.pressAsJson(link.token()), 410, "action_token_expired");
        assertThat(RecordingPurpose.acts(subject)).isZero();
        assertThat(uses(link)).isZero();
    }

    @Test
    void should_answer_404_invalid_when_the_token_is_unknown_or_malformed() {
        String unknown = "A".repeat(43);

        Api.Response page = visitor.open(unknown);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("Link not valid");
        assertThat(header(page, "Cache-Control")).isEqualTo("no-store");
        assertThat(visitor.press(unknown).status()).isEqualTo(404);
        assertProblem(visitor.openAsJson(unknown), 404, "action_token_invalid");
        assertProblem(visitor.pressAsJson(unknown), 404, "action_token_invalid");
        assertProblem(visitor.pressAsJson("short"), 404, "action_token_invalid");
        assertProblem(visitor.openAsJson("x".repeat(2000)), 404, "action_token_invalid");
        assertProblem(visitor.pressAsJson("A".repeat(42) + "%2B"), 404, "action_token_invalid");
    }

    @Test
    void should_let_exactly_one_of_two_concurrent_posts_act_when_one_use_is_left() throws Exception {
        String subject = subject();
        IssuedLink link = issue(subject, Map.of("gate", true), 1);
        RecordingPurpose.GATE = new CountDownLatch(1);
        Api.Response first;
        Api.Response second;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Api.Response> firstPress = pool.submit(() -> visitor.press(link.token()));
            // The first POST counted the use and is acting, holding the row.
            await().until(() -> RecordingPurpose.acts(subject) == 1);
            Future<Api.Response> secondPress = pool.submit(() -> visitor.press(link.token()));
            // The second POST's update waits for that row.
            await().until(() -> waitingUpdates() == 1);
            RecordingPurpose.GATE.countDown();
            first = firstPress.get();
            second = secondPress.get();
        } finally {
            RecordingPurpose.GATE.countDown();
        }

        assertThat(first.status()).isEqualTo(303);
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.body()).contains("Link already used");
        assertThat(RecordingPurpose.acts(subject)).isEqualTo(1);
        assertThat(uses(link)).isEqualTo(1);
    }

    @Test
    void should_store_only_the_sha256_of_the_token() throws Exception {
        IssuedLink link = issue(subject(), Map.of("note", "kept"), 1);

        assertThat(link.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(link.url()).isEqualTo("http://localhost:" + port + "/a/" + link.token());
        byte[] stored = jdbc.sql("select token_hash from action_tokens where organization_id = :org")
                .param("org", organization.value())
                .query(byte[].class)
                .single();
        assertThat(stored)
                .isEqualTo(
                        MessageDigest.getInstance("SHA-256").digest(link.token().getBytes(StandardCharsets.US_ASCII)));
        String row = jdbc.sql("select row_to_json(t)::text from action_tokens t where organization_id = :org")
                .param("org", organization.value())
                .query(String.class)
                .single();
        assertThat(row).contains("kept").doesNotContain(link.token());
        assertThat(issue(subject(), Map.of(), 1).token()).isNotEqualTo(link.token());
    }

    @Test
    void should_give_the_use_back_when_the_purpose_fails_or_asks_to_come_back_later() {
        String failing = subject();
        String later = subject();
        IssuedLink fails = issue(failing, Map.of("outcome", "fail"), 1);
        IssuedLink waits = issue(later, Map.of("outcome", "later"), 1);

        Api.Response failed = visitor.press(fails.token());
        Api.Response comeBack = visitor.press(waits.token());

        assertThat(failed.status()).isEqualTo(409);
        assertThat(failed.body()).contains("Not possible").contains("Someone else took this slot.");
        assertProblem(visitor.pressAsJson(fails.token()), 409, "booking_taken");
        assertThat(comeBack.status()).isEqualTo(503);
        assertThat(header(comeBack, "Retry-After")).isEqualTo("5");
        assertThat(comeBack.body()).contains("One moment").contains("Try again in a moment.");
        assertThat(uses(fails)).isZero();
        assertThat(uses(waits)).isZero();
        assertThat(RecordingPurpose.acts(failing)).isEqualTo(2);
        assertThat(visitor.open(waits.token()).status()).isEqualTo(200);
    }

    @Test
    void should_leave_no_link_when_the_issuing_transaction_rolls_back() {
        IssuedLink link = transaction.execute(status -> {
            IssuedLink issued = issue(subject(), Map.of(), 1);
            status.setRollbackOnly();
            return issued;
        });

        assertThat(visitor.open(link.token()).status()).isEqualTo(404);
    }

    @Test
    void should_refuse_to_issue_a_link_for_an_unknown_purpose_or_out_of_bounds() {
        assertThatThrownBy(() -> links.issue(organization, "no.such", "s", Map.of(), Duration.ofHours(1), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("purpose");
        assertThatThrownBy(() -> issue(subject(), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxUses");
        assertThatThrownBy(() -> issue(subject(), Map.of(), 1, Duration.ofDays(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
    }

    private IssuedLink issue(String subject, Map<String, Object> payload, int maxUses) {
        return issue(subject, payload, maxUses, Duration.ofHours(1));
    }

    private IssuedLink issue(String subject, Map<String, Object> payload, int maxUses, Duration ttl) {
        return links.issue(organization, RecordingPurpose.PURPOSE, subject, payload, ttl, maxUses);
    }

    private int uses(IssuedLink link) {
        return links.peek(link.token()).orElseThrow().uses();
    }

    private int waitingUpdates() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                         where datname = current_database() and pid <> pg_backend_pid()
                           and wait_event_type = 'Lock' and query ilike '%update action_tokens%'""").query(Integer.class).single();
    }

    private static String subject() {
        return "booking-" + UUID.randomUUID();
    }

    private static String header(Api.Response response, String name) {
        return response.raw().headers().firstValue(name).orElse(null);
    }
}
