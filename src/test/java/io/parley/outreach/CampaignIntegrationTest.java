package io.parley.outreach;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.delivery.Deliveries;
import io.parley.outreach.internal.CampaignBatch;
import io.parley.outreach.internal.CampaignJob;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.Jobs;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ServiceWindowRows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Campaigns by tag: batches on the campaign lane, progress from delivery states, re-runs that send nothing twice. */
class CampaignIntegrationTest extends IntegrationTestSupport {
    /**
     * Campaign sends that may still go out after the reply is queued: two seconds of the account's campaign share (80
     * % of 80/s), covering batches already claimed and the reply job's own pick-up on a loaded machine (two test JVMs
     * on two cores). Queued behind the backlog instead, the reply would wait for the other ~900 (about 15 s).
     */
    private static final int IN_FLIGHT_ALLOWANCE = 128;

    @Autowired
    private Deliveries deliveries;

    @Autowired
    private Jobs jobs;

    @Autowired
    private Clock clock;

    @Autowired
    private org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void should_send_to_every_tagged_contact_in_batches_and_report_progress() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        fastAccount(bot);
        List<String> phones = tagged(bot, 1100, "vip");
        tagged(bot, 3, "other");
        webchatContact(bot, "vip");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        String chatContact = contactOf(chat.conversationId());
        Api.Response tags = api.put(contactTags(bot, chatContact), "{\"tags\": [\"vip\", \" vip \", \"new\"]}");
        assertThat(tags.status()).as(tags.body()).isEqualTo(200);
        assertThat(tags.json().path("tags").toString()).isEqualTo("[\"new\",\"vip\"]");

        Api.Response created = api.post(
                campaigns(bot),
                "{\"name\": \"Spring sale\", \"tag\": \"vip\", \"message\": {\"text\": \"Spring sale: 20% off\"}}");

        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertThat(created.json().path("total").asInt()).isEqualTo(1102);
        String id = created.text("id");
        JsonNode progress = awaitProgress(
                bot,
                id,
                p -> p.path("status").asString().equals("completed")
                        && p.path("sent").asInt() == 1101);
        assertThat(progress.path("queued").asInt()).isEqualTo(1101);
        assertThat(progress.path("skipped").asInt()).as("the web chat contact").isEqualTo(1);
        assertThat(progress.path("failed").asInt()).isZero();
        assertThat(jdbc.sql("select batches from campaigns where id = cast(:id as uuid)")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .as("batches of 500")
                .isEqualTo(3);
        List<String> recipients = campaignSends(bot, "Spring sale");
        assertThat(recipients)
                .hasSize(1101)
                .doesNotHaveDuplicates()
                .containsAll(phones)
                .contains(chat.waId());
    }

    @Test
    void should_send_a_template_campaign_to_tagged_contacts_who_never_wrote() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        List<String> phones = tagged(bot, 3, "lapsed", false);

        Api.Response created = api.post(campaigns(bot), """
                {"name": "Win back", "tag": "lapsed",
                 "template": {"name": "win_back", "language": "en_US", "parameters": ["20%"]}}""");

        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.text("id");
        JsonNode progress = awaitProgress(bot, id, p -> p.path("sent").asInt() == 3);
        assertThat(progress.path("failed").asInt())
                .as("a template is not held back by the closed window")
                .isZero();
        List<JsonNode> sent = GraphFake.sendsOfType(bot.phoneNumberId(), "template").stream()
                .map(r -> Api.json().readTree(r.getBodyAsString()))
                .toList();
        assertThat(sent).extracting(s -> s.path("to").asString()).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.path("template").path("name").asString()).isEqualTo("win_back");
            assertThat(s.path("template").path("language").path("code").asString())
                    .isEqualTo("en_US");
            assertThat(s.path("template")
                            .path("components")
                            .get(0)
                            .path("parameters")
                            .get(0)
                            .path("text")
                            .asString())
                    .isEqualTo("20%");
        });
        assertThat(GraphFake.sends(bot.phoneNumberId())).as("no free text").isEmpty();
        assertThat(jdbc.sql("select text is null and template->>'name' = 'win_back' from campaigns "
                                + "where id = cast(:id as uuid)")
                        .param("id", id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void should_answer_400_and_store_nothing_for_an_invalid_template_or_both_message_and_template() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        tagged(bot, 1, "t");

        assertProblem(api.post(campaigns(bot), """
                {"name": "T", "tag": "t", "template": {"name": "Bad Name", "language": "en"}}"""), 400, "validation_failed");
        assertProblem(api.post(campaigns(bot), """
                {"name": "T", "tag": "t", "message": {"text": "Hi"}, "template": {"name": "a", "language": "en"}}"""), 400, "validation_failed");
        assertProblem(api.post(campaigns(bot), "{\"name\": \"T\", \"tag\": \"t\"}"), 400, "validation_failed");
        assertThat(jdbc.sql("select count(*) from campaigns where chatbot_id = cast(:bot as uuid)")
                        .param("bot", bot.chatbotId())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void should_send_nothing_twice_when_a_campaign_batch_runs_again_after_losing_its_cursor() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        tagged(bot, 3, "beta");
        String id = api.post(
                        campaigns(bot),
                        "{\"name\": \"Beta\", \"tag\": \"beta\", \"message\": {\"text\": \"Beta invite\"}}")
                .text("id");
        awaitProgress(bot, id, p -> p.path("sent").asInt() == 3);

        // As if the batch's commit had been lost after its messages were queued: the job runs again from the start.
        jdbc.sql("update campaigns set status = 'running', cursor = null, queued = 0, completed_at = null "
                        + "where id = cast(:id as uuid)")
                .param("id", id)
                .update();
        transactions.executeWithoutResult(s -> jobs.scheduleIfAbsent(
                CampaignJob.TASK, CampaignBatch.instance(UUID.fromString(id), 99), clock.instant()));

        JsonNode progress =
                awaitProgress(bot, id, p -> p.path("status").asString().equals("completed"));
        assertThat(progress.path("queued").asInt())
                .as("nothing queued by the re-run")
                .isZero();
        assertThat(campaignSends(bot, "Beta invite")).hasSize(3);
        assertThat(jdbc.sql("select count(*) from outbound_messages where idempotency_key like :k")
                        .param("k", "campaign:" + id + ":%")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void should_send_a_reply_before_a_queued_campaign_of_1000_messages() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Hello!");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        chat.awaitReceived(1);
        String conversationId = chat.conversationId();
        tagged(bot, 1000, "all");
        String id = api.post(
                        campaigns(bot),
                        "{\"name\": \"Sale\", \"tag\": \"all\", \"message\": {\"text\": \"Spring sale\"}}")
                .text("id");
        try {
            awaitProgress(bot, id, p -> p.path("queued").asInt() == 1000);
            // The first batch starts going out while the second is queued; count from when the reply is queued.
            int sentBeforeReplyQueued = campaignSends(bot, "Spring sale").size();
            Api.Response reply = api.post(
                    "/api/v1/conversations/" + conversationId + "/messages",
                    "{\"text\": \"Your refund was approved.\"}");
            assertThat(reply.status()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> chat.received().contains("Your refund was approved."));
            List<LoggedRequest> sends = GraphFake.sends(bot.phoneNumberId()).stream()
                    .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                    .toList();
            long campaignBefore = sends.stream()
                    .takeWhile(r -> !r.getBodyAsString().contains("refund"))
                    .filter(r -> r.getBodyAsString().contains("Spring sale"))
                    .count();
            assertThat(campaignBefore - sentBeforeReplyQueued)
                    .as("campaign messages sent after the reply was queued")
                    .isLessThan(IN_FLIGHT_ALLOWANCE);
            assertThat(campaignSends(bot, "Spring sale"))
                    .as("the campaign is still being sent")
                    .hasSizeLessThan(1000);
        } finally {
            io.parley.testing.Deadlocks.retry(() -> jdbc.sql(
                            "delete from conversations where chatbot_id = cast(:bot as uuid) and id <> cast(:keep as uuid)")
                    .param("bot", bot.chatbotId())
                    .param("keep", conversationId)
                    .update());
        }
    }

    @Test
    void should_answer_404_for_another_chatbots_campaign_or_contact() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        tagged(bot, 1, "x");
        String id = api.post(campaigns(bot), "{\"name\": \"X\", \"tag\": \"x\", \"message\": {\"text\": \"X\"}}")
                .text("id");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");

        assertProblem(api.get(campaigns(other) + "/" + id), 404, "campaign_not_found");
        assertProblem(
                api.put(contactTags(other, contactOf(chat.conversationId())), "{\"tags\": [\"x\"]}"),
                404,
                "contact_not_found");
        assertProblem(
                api.post(campaigns(bot), "{\"name\": \"X\", \"message\": {\"text\": \"X\"}}"),
                400,
                "validation_failed");
    }

    private JsonNode awaitProgress(Tenants.WhatsAppBot bot, String id, java.util.function.Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Api.Response response = api.get(campaigns(bot) + "/" + id);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            last[0] = response.json();
            return done.test(last[0]);
        });
        return last[0];
    }

    private void fastAccount(Tenants.WhatsAppBot bot) {
        assertThat(deliveries.setMessagesPerSecond(
                        new OrganizationId(UUID.fromString(bot.organizationId())),
                        new ChannelAccountId(UUID.fromString(bot.channelId())),
                        1000))
                .isTrue();
    }

    /** {@code count} contacts with a WhatsApp number and the tag, who wrote today; returns their numbers. */
    private List<String> tagged(Tenants.WhatsAppBot bot, int count, String tag) {
        return tagged(bot, count, tag, true);
    }

    /** As above; {@code wrote} false: contacts who never wrote (their 24-hour window is closed). */
    private List<String> tagged(Tenants.WhatsAppBot bot, int count, String tag, boolean wrote) {
        String prefix = UUID.randomUUID().toString();
        long base = 4_917_000_000_000L + Math.floorMod(prefix.hashCode(), 1_000_000) * 1000L;
        jdbc.sql("""
                        insert into contacts (id, organization_id, chatbot_id, tags)
                        select md5(:p || i)::uuid, cast(:org as uuid), cast(:bot as uuid), array[cast(:tag as text)]
                        from generate_series(1, :n) i""")
                .param("p", prefix)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("tag", tag)
                .param("n", count)
                .update();
        jdbc.sql("""
                        insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id)
                        select cast(:bot as uuid), 'phone', '+' || (:base + i)::text, md5(:p || i)::uuid, cast(:org as uuid)
                        from generate_series(1, :n) i""")
                .param("p", prefix)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("base", base)
                .param("n", count)
                .update();
        // They wrote within the last day: free text may reach them (otherwise window_closed, ADR 21).
        if (wrote) {
            ServiceWindowRows.openForContacts(
                    jdbc, bot, "select md5('" + prefix + "' || i)::uuid from generate_series(1, " + count + ") i");
        }
        return java.util.stream.LongStream.rangeClosed(1, count)
                .mapToObj(i -> Long.toString(base + i))
                .toList();
    }

    private void webchatContact(Tenants.WhatsAppBot bot, String tag) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into contacts (id, organization_id, chatbot_id, tags) values (:id, cast(:org as uuid), "
                        + "cast(:bot as uuid), array[cast(:tag as text)])")
                .param("id", id)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("tag", tag)
                .update();
        jdbc.sql("insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id) "
                        + "values (cast(:bot as uuid), 'webchat', :session, :id, cast(:org as uuid))")
                .param("id", id)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("session", "visitor-" + id)
                .update();
    }

    private List<String> campaignSends(Tenants.WhatsAppBot bot, String text) {
        return GraphFake.sends(bot.phoneNumberId()).stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains(text))
                .map(b -> Api.json().readTree(b).path("to").asString())
                .toList();
    }

    private String contactOf(String conversationId) {
        return jdbc.sql("select contact_id from conversations where id = cast(:id as uuid)")
                .param("id", conversationId)
                .query(String.class)
                .single();
    }

    private static String campaigns(Tenants.WhatsAppBot bot) {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/campaigns";
    }

    private static String contactTags(Tenants.WhatsAppBot bot, String contactId) {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/contacts/" + contactId + "/tags";
    }
}
