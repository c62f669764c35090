package io.parley.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One organization with something behind every path variable of the API: a chatbot with a web chat conversation,
 * a knowledge source and a crawl, a tool source, an alert sink, an event, API keys (admin, agent, one to revoke)
 * and staff users (owner, admin, agent, one to change and delete) with sessions, a campaign and a test message, a
 * Stripe integration and a payment, an action link ({@code deposit.pay}) to that payment, an external engine
 * endpoint for the chatbot, a flow with a draft and a flow test (golden transcript) of it, and a flow state for the
 * conversation (at a step of the flow's draft); a browser push subscription.
 */
record AccessFixture(
        String orgId,
        String botId,
        String conversationId,
        String knowledgeSourceId,
        String crawlId,
        String toolSourceId,
        String sinkId,
        String eventId,
        String keyId,
        String userId,
        String adminKey,
        String agentKey,
        String ownerSession,
        String adminSession,
        String agentSession,
        String planName,
        String mediaId,
        String deliveryId,
        String deadLetterId,
        String campaignId,
        String contactId,
        String testDeliveryId,
        String channelId,
        String flowKey,
        String flowTestName,
        String integrationId,
        String paymentId,
        String actionToken) {
    static final String PASSWORD = "correct horse battery staple";

    static AccessFixture create(Api operator, JdbcClient jdbc, String label) {
        String suffix = UUID.randomUUID().toString();
        Tenants.WhatsAppBot bot = Tenants.offlineBot(operator, "[]");
        String org = bot.organizationId();
        Api.Response chat = operator.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor-" + label + "\", \"text\": \"Hello\"}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(202);
        // An external engine endpoint, so its GET and DELETE find one (the fixture's chatbot stays on the agent).
        Api.Response engine = operator.put(
                "/api/v1/chatbots/" + bot.chatbotId() + "/external-engine", "{\"url\": \"http://127.0.0.1:9/turns\"}");
        assertThat(engine.status()).as(engine.body()).isEqualTo(200);
        String knowledge = created(
                operator.post(
                        "/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources",
                        "{\"type\": \"text\", \"name\": \"Hours\", \"text\": \"We open at nine.\"}"),
                202);
        UUID crawl = UUID.randomUUID();
        jdbc.sql("""
                        insert into knowledge_crawls (id, organization_id, chatbot_id, base_url, max_depth, max_pages,
                                                      status)
                        values (:id, :org, :bot, 'https://docs.invalid/', 1, 1, 'failed')""")
                .param("id", crawl)
                .param("org", UUID.fromString(org))
                .param("bot", UUID.fromString(bot.chatbotId()))
                .update();
        UUID toolSource = UUID.randomUUID();
        jdbc.sql("""
                        insert into tool_sources (id, organization_id, type, name, url)
                        values (:id, :org, 'http', :name, 'http://127.0.0.1:9/openapi.json')""")
                .param("id", toolSource)
                .param("org", UUID.fromString(org))
                .param("name", "crm-" + suffix)
                .update();
        String sink = created(
                operator.post(
                        "/api/v1/organizations/" + org + "/alert-sinks",
                        "{\"type\": \"email\", \"to\": \"ops-" + label + "@acme.test\"}"),
                201);
        long event = jdbc.sql("""
                        insert into system_events (organization_id, level, type, payload, occurred_at)
                        values (:org, 'warn', 'test.access_matrix', '{}', now()) returning id""")
                .param("org", UUID.fromString(org))
                .query(Long.class)
                .single();
        UUID delivery = UUID.randomUUID();
        jdbc.sql("""
                        insert into alert_deliveries (id, organization_id, sink_id, event_id, status, attempts,
                                                      last_error, finished_at)
                        values (:id, :org, :sink, :event, 'dead', 3, 'connection refused', now())""")
                .param("id", delivery)
                .param("org", UUID.fromString(org))
                .param("sink", UUID.fromString(sink))
                .param("event", event)
                .update();
        UUID media = UUID.randomUUID();
        jdbc.sql("""
                        insert into media_objects (id, organization_id, channel_account_id, conversation_id, message_id,
                                                   channel, provider_media_id, kind, status, error_code, created_at,
                                                   updated_at)
                        select :id, m.organization_id, a.id, m.conversation_id, m.id, 'whatsapp', :providerId, 'image',
                               'failed', 'media_expired', now(), now()
                        from messages m join channel_accounts a on a.chatbot_id = :bot
                        where m.conversation_id = :conversation limit 1""")
                .param("id", media)
                .param("providerId", "media-" + suffix)
                .param("bot", UUID.fromString(bot.chatbotId()))
                .param("conversation", UUID.fromString(chat.text("conversationId")))
                .update();
        UUID outbound = UUID.randomUUID();
        UUID deadLetter = UUID.randomUUID();
        jdbc.sql("""
                        insert into outbound_messages (id, organization_id, conversation_id, message_id,
                                                       channel_account_id, channel, recipient, payload, status,
                                                       idempotency_key)
                        select :id, m.organization_id, m.conversation_id, m.id, a.id, 'whatsapp', '15550000000',
                               '{"text": "Hello"}', 'failed', 'matrix:' || :id
                        from messages m join channel_accounts a on a.chatbot_id = :bot
                        where m.conversation_id = :conversation limit 1""")
                .param("id", outbound)
                .param("bot", UUID.fromString(bot.chatbotId()))
                .param("conversation", UUID.fromString(chat.text("conversationId")))
                .update();
        jdbc.sql("""
                        insert into dead_letters (id, organization_id, outbound_message_id, conversation_id,
                                                  channel_account_id, lane, reason, attempts, transient)
                        select :id, organization_id, id, conversation_id, channel_account_id, 'conversational', '131026',
                               1, false
                        from outbound_messages where id = :outbound""").param("id", deadLetter).param("outbound", outbound).update();
        String keys = "/api/v1/organizations/" + org + "/api-keys";
        Api.Response adminKey = operator.post(keys, "{\"name\": \"admin\", \"role\": \"admin\"}");
        Api.Response agentKey = operator.post(keys, "{\"name\": \"agent\", \"role\": \"agent\"}");
        String victimKey = created(operator.post(keys, "{\"name\": \"victim\", \"role\": \"agent\"}"), 201);
        String owner = user(operator, org, "owner", label, suffix);
        String admin = user(operator, org, "admin", label, suffix);
        String agent = user(operator, org, "agent", label, suffix);
        String victim = created(
                operator.post(
                        "/api/v1/organizations/" + org + "/users",
                        userJson("agent", "victim-" + label + "-" + suffix + "@acme.test")),
                201);
        UUID campaign = UUID.randomUUID();
        jdbc.sql("""
                        insert into campaigns (id, organization_id, chatbot_id, channel_account_id, name, tag, text,
                                               status, total, created_at)
                        select :id, organization_id, chatbot_id, id, 'Sale', 'vip', 'Sale', 'completed', 0, now()
                        from channel_accounts where chatbot_id = :bot and type = 'whatsapp'""")
                .param("id", campaign)
                .param("bot", UUID.fromString(bot.chatbotId()))
                .update();
        String contact = jdbc.sql("select contact_id from conversations where id = :id")
                .param("id", UUID.fromString(chat.text("conversationId")))
                .query(String.class)
                .single();
        jdbc.sql("""
                        insert into test_messages (id, organization_id, staff_user_id, message_id)
                        select id, organization_id, :user, message_id from outbound_messages where id = :outbound""")
                .param("user", UUID.fromString(victim))
                .param("outbound", outbound)
                .update();
        Api.Response stripe = operator.put(
                "/api/v1/organizations/" + org + "/integrations/stripe",
                "{\"secretKey\": \"sk_test_matrix" + suffix.substring(0, 8) + "\", \"webhookSecret\": \"whsec_matrix"
                        + suffix.substring(0, 8) + "\"}");
        assertThat(stripe.status()).as(stripe.body()).isEqualTo(200);
        UUID payment = UUID.randomUUID();
        jdbc.sql("""
                        insert into payments (id, organization_id, reference, amount_minor, currency, label, status,
                                              expires_at, created_at, updated_at)
                        values (:id, :org, :ref, 5000, 'eur', 'Deposit', 'failed', now(), now(), now())""")
                .param("id", payment)
                .param("org", UUID.fromString(org))
                .param("ref", "matrix-" + suffix)
                .update();
        String actionToken = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII))
                .substring(0, 43);
        jdbc.sql("""
                        insert into action_tokens (id, organization_id, token_hash, purpose, subject_id, expires_at,
                                                   max_uses, created_at)
                        values (:id, :org, sha256(convert_to(:token, 'UTF8')), 'deposit.pay', :payment,
                                now() + interval '1 day', 100, now())""")
                .param("id", UUID.randomUUID())
                .param("org", UUID.fromString(org))
                .param("token", actionToken)
                .param("payment", payment.toString())
                .update();
        // A push subscription of the victim user, its id derived from the organization (value() has no jdbc).
        jdbc.sql("""
                        insert into push_subscriptions (id, organization_id, staff_user_id, endpoint, p256dh,
                                                        auth_sealed, created_at, updated_at)
                        values (:id, :org, :user, :endpoint, :p256dh, '\\x00', now(), now())""")
                .param("id", pushSubscriptionId(org))
                .param("org", UUID.fromString(org))
                .param("user", UUID.fromString(victim))
                .param("endpoint", "http://127.0.0.1:9/push/" + suffix)
                .param("p256dh", new byte[65])
                .update();
        String flowKey = flow(operator, bot.chatbotId(), "matrix_" + suffix.substring(0, 8));
        flowState(jdbc, chat.text("conversationId"), bot.chatbotId(), flowKey);
        NotificationFixture.create(operator, jdbc, org, victim, suffix);
        return new AccessFixture(
                org,
                bot.chatbotId(),
                chat.text("conversationId"),
                knowledge,
                crawl.toString(),
                toolSource.toString(),
                sink,
                Long.toString(event),
                victimKey,
                victim,
                adminKey.text("key"),
                agentKey.text("key"),
                login(operator, owner),
                login(operator, admin),
                login(operator, agent),
                "matrix-" + suffix.substring(0, 8),
                media.toString(),
                delivery.toString(),
                deadLetter.toString(),
                campaign.toString(),
                contact,
                outbound.toString(),
                bot.channelId(),
                flowKey,
                flowTest(operator, bot.chatbotId(), flowKey),
                stripe.text("id"),
                payment.toString(),
                actionToken);
    }

    /** {@code pattern} with this organization's ids; an unknown variable fails the test. */
    String fill(String pattern) {
        return AccessMatrixIntegrationTest.replaceVariables(pattern, name -> value(pattern, name));
    }

    /** {@code pattern} with this organization's ids, except {@code foreign}, which comes from {@code other}. */
    String fill(String pattern, String foreign, AccessFixture other) {
        return AccessMatrixIntegrationTest.replaceVariables(
                pattern, name -> (name.equals(foreign) ? other : this).value(pattern, name));
    }

    private String value(String pattern, String name) {
        return switch (name) {
            case "orgId" -> orgId;
            case "botId" -> botId;
            case "conversationId" -> conversationId;
            case "sourceId" -> pattern.contains("/knowledge/") ? knowledgeSourceId : toolSourceId;
            case "crawlId" -> crawlId;
            case "sinkId" -> sinkId;
            case "eventId" -> eventId;
            case "keyId" -> keyId;
            case "userId" -> userId;
            case "mediaId" -> mediaId;
            case "deliveryId" -> deliveryId;
            case "deadLetterId" -> deadLetterId;
            case "channelId" -> channelId;
            case "campaignId" -> campaignId;
            case "contactId" -> contactId;
            case "testDeliveryId" -> testDeliveryId;
            case "name" -> pattern.contains("/flow-tests/") ? flowTestName : planName;
            case "flowKey" -> flowKey;
            case "integrationId" -> integrationId;
            case "paymentId" -> paymentId;
            case "token" -> actionToken;
            case "subscriptionId" -> pushSubscriptionId(orgId).toString();
            case "channel" -> "email";
            case "templateName" -> NotificationFixture.of(orgId).templateName();
            case "pointId" -> NotificationFixture.of(orgId).pointId();
            case "notificationId" -> NotificationFixture.of(orgId).notificationId();
            case "ruleId" -> NotificationFixture.of(orgId).ruleId();
            default ->
                throw new AssertionError(
                        "No fixture for path variable {" + name + "} in " + pattern + ": add one to AccessFixture");
        };
    }

    private static UUID pushSubscriptionId(String org) {
        return UUID.nameUUIDFromBytes(("push-subscription:" + org).getBytes(StandardCharsets.UTF_8));
    }

    /** A flow with a draft (publish has something to publish; the matrix's PUT of {} is refused as invalid). */
    private static String flow(Api operator, String bot, String key) {
        Api.Response flow = operator.put(
                "/api/v1/chatbots/" + bot + "/flows/" + key, "{\"steps\": [{\"id\": \"hi\", \"say\": \"Hi\"}]}");
        assertThat(flow.status()).as(flow.body()).isEqualTo(201);
        return key;
    }

    /** A golden transcript of the fixture's flow, named like the flow (unique per fixture). */
    private static String flowTest(Api operator, String bot, String flowKey) {
        Api.Response test = operator.put(
                "/api/v1/chatbots/" + bot + "/flow-tests/" + flowKey,
                "{\"flow\": \"" + flowKey + "\", \"turns\": [{\"user\": \"Hello\", \"bot\": [\"Hi\"]}]}");
        assertThat(test.status()).as(test.body()).isEqualTo(201);
        return flowKey;
    }

    /** The conversation at step "hi" of the flow's draft, so the conversation's flow routes find a state. */
    private static void flowState(JdbcClient jdbc, String conversation, String bot, String flowKey) {
        jdbc.sql("""
                        insert into flow_states (conversation_id, organization_id, chatbot_id, flow_definition_id, run,
                                                 step_id, seq, status, created_at, updated_at)
                        select c.id, c.organization_id, d.chatbot_id, d.id, 1, 'hi', 1, 'active', now(), now()
                        from conversations c join flow_definitions d on d.chatbot_id = :bot and d.key = :key
                        where c.id = :conversation""")
                .param("conversation", UUID.fromString(conversation))
                .param("bot", UUID.fromString(bot))
                .param("key", flowKey)
                .update();
    }

    private static String user(Api operator, String org, String role, String label, String suffix) {
        String email = role + "-" + label + "-" + suffix + "@acme.test";
        created(operator.post("/api/v1/organizations/" + org + "/users", userJson(role, email)), 201);
        return email;
    }

    private static String userJson(String role, String email) {
        return "{\"email\": \"" + email + "\", \"name\": \"Staff\", \"role\": \"" + role + "\", \"password\": \""
                + PASSWORD + "\"}";
    }

    static String login(Api api, String email) {
        Api.Response session = api.withToken(null)
                .post("/api/v1/auth/login", "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        return session.text("token");
    }

    private static String created(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.text("id");
    }
}
