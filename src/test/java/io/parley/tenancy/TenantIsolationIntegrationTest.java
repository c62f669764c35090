package io.parley.tenancy;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One operator, many organizations: an id of one tenant never reaches another tenant's data through a scoped URL. */
class TenantIsolationIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";

    Tenants.WhatsAppBot a;
    Tenants.WhatsAppBot b;
    String conversationOfA;
    String conversationOfB;

    @BeforeEach
    void twoTenantsWithAConversationEach() {
        a = Tenants.offlineBot(api, FAQ);
        b = Tenants.offlineBot(api, FAQ);
        Api.Response webchat = api.post(
                "/api/v1/chatbots/" + a.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor-a\", \"text\": \"Opening hours?\"}");
        assertThat(webchat.status()).as(webchat.body()).isEqualTo(202);
        conversationOfA = webchat.text("conversationId");
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.text(b.phoneNumberId(), "15557770002", WhatsAppPayloads.newWamid(), "Opening hours?"),
                b.appSecret());
        assertThat(ack.status()).isEqualTo(200);
        JsonNode conversations =
                api.get("/api/v1/chatbots/" + b.chatbotId() + "/conversations").json();
        assertThat(conversations).hasSize(1);
        conversationOfB = conversations.get(0).path("id").asString();
    }

    @Test
    void should_find_a_tenants_own_chatbot_and_messages_when_the_ids_belong_to_it() {
        assertThat(api.get("/api/v1/organizations/" + a.organizationId() + "/chatbots/" + a.chatbotId())
                        .text("id"))
                .isEqualTo(a.chatbotId());
        JsonNode messagesOfA = api.get("/api/v1/organizations/" + a.organizationId() + "/conversations/"
                        + conversationOfA + "/messages")
                .json();
        assertThat(messagesOfA.get(0).path("content").asString()).isEqualTo("Opening hours?");
        assertThat(api.get("/api/v1/organizations/" + b.organizationId() + "/conversations/" + conversationOfB
                                + "/messages")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void should_answer_chatbot_not_found_when_the_chatbot_belongs_to_another_organization() {
        Api.Response response = api.get("/api/v1/organizations/" + a.organizationId() + "/chatbots/" + b.chatbotId());

        assertProblem(response, 404, "chatbot_not_found");
        assertThat(response.body()).doesNotContain("Support", "You are a helpful assistant.");
    }

    @Test
    void should_answer_conversation_not_found_when_the_conversation_belongs_to_another_organization() {
        Api.Response response = api.get(
                "/api/v1/organizations/" + a.organizationId() + "/conversations/" + conversationOfB + "/messages");

        assertProblem(response, 404, "conversation_not_found");
        assertThat(response.body()).doesNotContain("Opening hours?", "15557770002");
        assertProblem(
                api.get("/api/v1/organizations/" + b.organizationId() + "/conversations/" + conversationOfA
                        + "/messages"),
                404,
                "conversation_not_found");
    }

    @Test
    void should_list_only_the_organizations_own_chatbots_when_listing() {
        JsonNode chatbotsOfB = api.get("/api/v1/organizations/" + b.organizationId() + "/chatbots")
                .json();

        assertThat(chatbotsOfB.findValuesAsString("id")).containsExactly(b.chatbotId());
        assertThat(chatbotsOfB.findValuesAsString("organizationId")).containsOnly(b.organizationId());
    }

    @Test
    void should_answer_not_found_when_the_ids_are_unknown() {
        String unknown = UUID.randomUUID().toString();

        assertProblem(api.get("/api/v1/organizations/" + unknown), 404, "organization_not_found");
        assertProblem(api.get("/api/v1/organizations/" + unknown + "/chatbots"), 404, "organization_not_found");
        assertProblem(
                api.get("/api/v1/organizations/" + a.organizationId() + "/chatbots/" + unknown),
                404,
                "chatbot_not_found");
        assertProblem(api.get("/api/v1/chatbots/" + unknown), 404, "chatbot_not_found");
        assertProblem(api.get("/api/v1/chatbots/" + unknown + "/channels"), 404, "chatbot_not_found");
        assertProblem(api.get("/api/v1/chatbots/" + unknown + "/conversations"), 404, "chatbot_not_found");
        assertProblem(api.get("/api/v1/conversations/" + unknown), 404, "conversation_not_found");
        assertProblem(api.get("/api/v1/conversations/" + unknown + "/messages"), 404, "conversation_not_found");
        assertProblem(
                api.get("/api/v1/organizations/" + a.organizationId() + "/conversations/" + unknown + "/messages"),
                404,
                "conversation_not_found");
        assertProblem(
                api.post(
                        "/api/v1/organizations/" + unknown + "/chatbots",
                        "{\"name\": \"Bot\", \"systemPrompt\": \"p\"}"),
                404,
                "organization_not_found");
    }

    @Test
    void should_answer_not_found_rather_than_a_server_error_when_the_ids_are_malformed() {
        assertProblem(api.get("/api/v1/organizations/not-a-uuid"), 404, "organization_not_found");
        assertProblem(api.get("/api/v1/organizations/not-a-uuid/chatbots"), 404, "organization_not_found");
        assertProblem(
                api.get("/api/v1/organizations/" + a.organizationId() + "/chatbots/not-a-uuid"),
                404,
                "chatbot_not_found");
        assertProblem(api.get("/api/v1/chatbots/not-a-uuid"), 404, "chatbot_not_found");
        assertProblem(api.get("/api/v1/chatbots/12345/channels"), 404, "chatbot_not_found");
        assertProblem(api.get("/api/v1/chatbots/not-a-uuid/conversations"), 404, "chatbot_not_found");
        assertProblem(api.get("/api/v1/conversations/not-a-uuid"), 404, "conversation_not_found");
        assertProblem(api.get("/api/v1/conversations/not-a-uuid/messages"), 404, "conversation_not_found");
        assertProblem(
                api.get("/api/v1/organizations/not-a-uuid/conversations/" + conversationOfA + "/messages"),
                404,
                "organization_not_found");
        assertProblem(
                api.post("/api/v1/chatbots/not-a-uuid/webchat/messages", "{\"sessionId\": \"s1\", \"text\": \"hi\"}"),
                404,
                "chatbot_not_found");
        assertProblem(api.get("/api/v1/organizations/" + "f".repeat(300)), 404, "organization_not_found");
    }

    @Test
    void should_answer_unauthorized_when_the_token_is_missing_or_wrong() {
        String path = "/api/v1/organizations/" + a.organizationId() + "/chatbots";

        Api.Response missing = api.withToken(null).get(path);
        Api.Response wrong = api.withToken("test-admin-token-but-wrong").get(path);

        assertProblem(missing, 401, "unauthorized");
        assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertProblem(wrong, 401, "unauthorized");
        assertThat(wrong.body()).doesNotContain(a.chatbotId());
        assertProblem(api.withToken(null).get("/api/v1/organizations/not-a-uuid"), 401, "unauthorized");
        assertProblem(api.withToken("").post("/api/v1/organizations", "{\"name\": \"Intruder\"}"), 401, "unauthorized");
        assertProblem(
                api.withToken(null)
                        .postRaw(
                                "/api/v1/organizations",
                                "{\"name\": \"Intruder\"}".getBytes(StandardCharsets.UTF_8),
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                "Basic dGVzdC1hZG1pbi10b2tlbg=="),
                401,
                "unauthorized");
    }

    @Test
    void should_answer_unauthorized_when_the_path_disguises_the_api_prefix() {
        Api anonymous = api.withToken(null);

        // Path parameters and percent-encoding in the raw URI once skipped the token check but still reached the API.
        for (String path : List.of(
                "/api/v1;x=1/organizations",
                "/api;x/v1/organizations",
                "/%61pi/v1/organizations",
                "/api/v1/organizations;x",
                "/sandbox/../api/v1/organizations",
                "/api/v1/./organizations",
                "//api/v1/organizations",
                "/api/v1//organizations",
                "/api/v1/organizations/" + a.organizationId() + ";x=1/chatbots")) {
            Api.Response response = anonymous.get(path);
            assertThat(response.status()).as(path + " -> " + response.body()).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain(a.chatbotId(), "Demo");
        }
    }

    @Test
    void should_answer_problems_with_code_and_trace_id_when_spring_rejects_the_request() {
        assertProblem(api.get("/api/v1/no-such-endpoint"), 404, "route_not_found");
        assertProblem(api.get("/api/v1/conversations/" + conversationOfA + "/messages?limit=many"), 400, "bad_request");
        assertProblem(
                api.postRaw(
                        "/api/v1/organizations",
                        "name=x".getBytes(StandardCharsets.UTF_8),
                        "Authorization",
                        "Bearer test-admin-token",
                        "Content-Type",
                        "text/plain"),
                415,
                "unsupported_media_type");
        assertProblem(api.post("/api/v1/organizations/" + a.organizationId(), "{}"), 405, "method_not_allowed");
    }

    @Test
    void should_echo_the_callers_trace_id_in_the_header_and_the_problem_when_one_is_sent() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        Api.Response response = api.withToken(null)
                .postRaw(
                        "/api/v1/organizations",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "Content-Type",
                        "application/json",
                        "X-Trace-Id",
                        traceId);

        assertThat(assertProblem(response, 401, "unauthorized").path("traceId").asString())
                .isEqualTo(traceId);
    }
}
