package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation page's routes over HTTP: scoped to the signed-in organization, CSRF-checked, open to agents,
 * audited; notes never leave Parley, a double submit sends once, and the page marks the conversation read.
 */
class ConversationDeskIntegrationTest extends IntegrationTestSupport {
    Tenants.WhatsAppBot bot;
    WhatsAppChat chat;
    String conversationId;
    String base;

    @BeforeEach
    void aContactWrote() {
        bot = Tenants.offlineBot(api, "[{\"question\": \"opening hours\", \"answer\": \"9 to 5\"}]");
        chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        conversationId = chat.conversationId();
        base = "/console/conversations/" + conversationId;
    }

    private ConsoleHttp signedIn(String role) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), role), ConsoleStaff.PASSWORD);
    }

    @Test
    void should_show_the_not_found_page_for_another_organizations_or_a_malformed_conversation_id() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        ConsoleHttp stranger = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, other.organizationId(), "owner"), ConsoleStaff.PASSWORD);

        for (String path : new String[] {base, base + "/updates", "/console/conversations/not-a-uuid"}) {
            HttpResponse<String> page = stranger.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).contains("data-test=\"not-found\"").doesNotContain("opening hours");
        }
        assertThat(stranger.postWithCsrf(base + "/handover", Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(ConversationFixtures.owner(api, conversationId)).isEqualTo("bot");
    }

    @Test
    void should_refuse_a_post_without_the_csrf_token_and_change_nothing() {
        ConsoleHttp agent = signedIn("agent");

        HttpResponse<String> refused = agent.postForm(base + "/handover", Map.of());
        HttpResponse<String> note = agent.postForm(base + "/notes", Map.of("text", "forged"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(note.statusCode()).isEqualTo(403);
        assertThat(ConversationFixtures.owner(api, conversationId)).isEqualTo("bot");
        assertThat(jdbc.sql("select count(*) from conversation_notes where conversation_id = :id")
                        .param("id", UUID.fromString(conversationId))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void should_let_an_agent_take_over_and_hand_back_with_an_audit_row_for_each() {
        ConsoleHttp agent = signedIn("agent");

        HttpResponse<String> taken = agent.postWithCsrf(base + "/handover", Map.of());
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(302);
        assertThat(ConversationFixtures.owner(api, conversationId)).isEqualTo("human");
        assertThat(agent.get(base).body()).contains("data-owner=\"human\"").contains("data-test=\"handback\"");

        HttpResponse<String> back =
                agent.postForm(base + "/handback", Map.of("_csrf", agent.csrfToken()), "HX-Request", "true");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("hx-swap-oob").contains("data-owner=\"bot\"");
        assertThat(ConversationFixtures.owner(api, conversationId)).isEqualTo("bot");
        assertThat(jdbc.sql("""
                        select action from audit_log where organization_id = :org and action like 'conversation_%'
                        order by id""")
                        .param("org", UUID.fromString(bot.organizationId()))
                        .query(String.class)
                        .list())
                .containsExactly("conversation_handover", "conversation_handback");
    }

    @Test
    void should_keep_internal_notes_inside_parley_and_refuse_a_blank_one() {
        ConsoleHttp agent = signedIn("agent");
        int sendsBefore = GraphFake.sends(bot.phoneNumberId()).size();

        HttpResponse<String> added = agent.postWithCsrf(base + "/notes", Map.of("text", "Customer is a VIP, be kind"));
        HttpResponse<String> blank = agent.postWithCsrf(base + "/notes", Map.of("text", "   "));

        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(agent.get(base).body()).contains("data-test=\"note\"").contains("Customer is a VIP, be kind");
        time.advance(PAST_EVERY_RETRY);
        assertThat(GraphFake.sends(bot.phoneNumberId())).hasSize(sendsBefore);
        assertThat(GraphFake.sends(bot.phoneNumberId()))
                .noneMatch(r -> r.getBodyAsString().contains("VIP"));
    }

    @Test
    void should_send_once_when_the_composer_is_submitted_twice_with_its_key() {
        ConsoleHttp agent = signedIn("agent");
        Map<String, String> form = Map.of("text", "We are on it", "idempotencyKey", "console-" + UUID.randomUUID());

        assertThat(agent.postWithCsrf(base + "/messages", form).statusCode()).isEqualTo(302);
        assertThat(agent.postWithCsrf(base + "/messages", form).statusCode()).isEqualTo(302);

        assertThat(chat.awaitReceived(2)).containsExactly("9 to 5", "We are on it");
        time.advance(PAST_EVERY_RETRY);
        assertThat(chat.received()).hasSize(2);
    }

    @Test
    void should_refuse_a_template_that_is_not_an_approved_one_of_the_channel() {
        ConsoleHttp agent = signedIn("agent");
        ConversationFixtures.closeWindow(jdbc, conversationId);

        HttpResponse<String> refused = agent.postWithCsrf(
                base + "/template",
                Map.of("name", "made_up", "language", "en_US", "idempotencyKey", "k-" + UUID.randomUUID()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(agent.get(base).body())
                .contains("data-test=\"template-picker\"")
                .doesNotContain("data-test=\"composer\"");
    }

    @Test
    void should_assign_to_a_staff_member_of_the_organization_only_and_mark_the_conversation_read() {
        ConsoleHttp owner = signedIn("owner");
        String colleagueEmail = ConsoleStaff.create(api, bot.organizationId(), "agent");
        UUID colleague = jdbc.sql("select id from staff_users where email = :email")
                .param("email", colleagueEmail)
                .query(UUID.class)
                .single();
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        String strangerEmail = ConsoleStaff.create(api, other.organizationId(), "agent");
        UUID stranger = jdbc.sql("select id from staff_users where email = :email")
                .param("email", strangerEmail)
                .query(UUID.class)
                .single();

        assertThat(owner.postWithCsrf(base + "/assign", Map.of("staffUserId", colleague.toString()))
                        .statusCode())
                .isEqualTo(302);
        assertThat(owner.postWithCsrf(base + "/assign", Map.of("staffUserId", stranger.toString()))
                        .statusCode())
                .isEqualTo(404);

        assertThat(jdbc.sql("select assigned_to from conversations where id = :id")
                        .param("id", UUID.fromString(conversationId))
                        .query(UUID.class)
                        .single())
                .isEqualTo(colleague);
        assertThat(owner.get(base).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("""
                        select r.read_sequence = (select max(seq) from messages where conversation_id = :id)
                        from conversation_reads r where r.conversation_id = :id""")
                        .param("id", UUID.fromString(conversationId))
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }
}
