package io.parley.tenancy;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.SecretBox;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AdminApiIntegrationTest extends IntegrationTestSupport {
    @Autowired
    SecretBox secrets;

    String org;

    @BeforeEach
    void setUp() {
        org = Tenants.organization(api, "Acme " + UUID.randomUUID());
    }

    @Test
    void should_create_an_organization_with_id_name_time_and_location_when_a_name_is_given() {
        Api.Response response = api.post("/api/v1/organizations", "{\"name\": \"  Globex Corporation  \"}");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode body = response.json();
        String id = body.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(body.path("name").asString()).isEqualTo("Globex Corporation");
        assertThat(body.path("createdAt").asString()).isNotBlank();
        assertThat(response.raw().headers().firstValue("Location")).contains("/api/v1/organizations/" + id);
        assertThat(api.get("/api/v1/organizations/" + id).text("name")).isEqualTo("Globex Corporation");
    }

    @Test
    void should_answer_validation_failed_naming_the_field_when_the_organization_name_is_blank_or_missing() {
        assertInvalidField(api.post("/api/v1/organizations", "{\"name\": \"   \"}"), "name");
        assertInvalidField(api.post("/api/v1/organizations", "{}"), "name");
        assertInvalidField(api.post("/api/v1/organizations", "{\"name\": \"" + "x".repeat(201) + "\"}"), "name");
    }

    @Test
    void should_answer_malformed_request_when_the_body_is_not_json() {
        assertProblem(api.post("/api/v1/organizations", "{\"name\": "), 400, "malformed_request");
        assertProblem(api.post("/api/v1/organizations/" + org + "/chatbots", "not json"), 400, "malformed_request");
    }

    @Test
    void should_create_a_chatbot_with_every_field_when_the_request_is_complete() {
        Api.Response response = createBot("""
                {"name": "Support", "systemPrompt": "Be kind.", "persona": "Ana from Acme",
                 "fallbackMessages": {"error": "Oops", "limit": "Too much", "unknown": "No idea"},
                 "model": {"provider": "openai", "name": "gpt-4o-mini", "baseUrl": "https://llm.example.com/v1",
                           "apiKey": "sk-full-1", "temperature": 1.25, "timeoutSeconds": 30},
                 "faq": [{"question": "Hours?", "answer": "9 to 5"}]}""");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode bot = response.json();
        assertThat(bot.path("organizationId").asString()).isEqualTo(org);
        assertThat(bot.path("name").asString()).isEqualTo("Support");
        assertThat(bot.path("systemPrompt").asString()).isEqualTo("Be kind.");
        assertThat(bot.path("persona").asString()).isEqualTo("Ana from Acme");
        assertThat(bot.path("fallbackMessages").path("error").asString()).isEqualTo("Oops");
        assertThat(bot.path("fallbackMessages").path("limit").asString()).isEqualTo("Too much");
        assertThat(bot.path("fallbackMessages").path("unknown").asString()).isEqualTo("No idea");
        JsonNode model = bot.path("model");
        assertThat(model.path("provider").asString()).isEqualTo("openai");
        assertThat(model.path("name").asString()).isEqualTo("gpt-4o-mini");
        assertThat(model.path("baseUrl").asString()).isEqualTo("https://llm.example.com/v1");
        assertThat(model.path("temperature").asDouble()).isEqualTo(1.25);
        assertThat(model.path("timeoutSeconds").asInt()).isEqualTo(30);
        assertThat(model.path("apiKeySet").asBoolean()).isTrue();
        assertThat(bot.path("faq").get(0).path("answer").asString()).isEqualTo("9 to 5");
        assertThat(bot.path("createdAt").asString()).isNotBlank();
        assertThat(response.raw().headers().firstValue("Location"))
                .contains("/api/v1/chatbots/" + bot.path("id").asString());
    }

    @Test
    void should_keep_temperature_zero_in_the_response_and_the_database_when_zero_is_requested() {
        Api.Response response = createBot(bot("{\"provider\": \"offline\", \"temperature\": 0.0}"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("model").path("temperature").isNumber()).isTrue();
        assertThat(response.json().path("model").path("temperature").asDouble()).isEqualTo(0.0);
        assertThat(storedTemperature(response.text("id"))).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void should_reject_a_blank_provider_or_model_name_instead_of_guessing() {
        assertInvalidField(createBot(bot("{\"provider\": \"  \"}")), "model.provider");
        assertInvalidField(createBot(bot("{\"provider\": \"\"}")), "model.provider");
        assertInvalidField(createBot(bot("{\"provider\": \"anthropic\", \"name\": \"   \"}")), "model.name");
        assertInvalidField(createBot(bot("{\"provider\": \"gpt\", \"name\": \"gpt-4o\"}")), "model.provider");
    }

    @Test
    void should_default_temperature_to_0_7_when_it_is_absent() {
        Api.Response response = createBot(bot("{\"provider\": \"offline\"}"));

        assertThat(response.json().path("model").path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(storedTemperature(response.text("id"))).isEqualByComparingTo("0.7");
    }

    @Test
    void should_reject_the_chatbot_naming_the_model_field_when_the_model_settings_are_invalid() {
        assertInvalidField(createBot(bot("{\"temperature\": 2.5}")), "model.temperature");
        assertInvalidField(createBot(bot("{\"temperature\": -0.1}")), "model.temperature");
        assertInvalidField(createBot(bot("{\"provider\": \"gpt\"}")), "model.provider");
        assertInvalidField(createBot(bot("{\"provider\": \"openai\", \"apiKey\": \"sk-x\"}")), "model.name");
        assertInvalidField(createBot(bot("{\"baseUrl\": \"ftp://llm.example.com\"}")), "model.baseUrl");
        assertInvalidField(createBot(bot("{\"baseUrl\": \"not a url\"}")), "model.baseUrl");
        assertInvalidField(createBot(bot("{\"timeoutSeconds\": 0}")), "model.timeoutSeconds");
        assertInvalidField(createBot("{\"name\": \"Bot\"}"), "systemPrompt");
        assertThat(jdbc.sql("select count(*) from chatbots where organization_id = :org")
                        .param("org", UUID.fromString(org))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void should_never_return_the_api_key_when_a_chatbot_has_one() {
        String apiKey = "sk-secret-" + UUID.randomUUID();
        Api.Response created =
                createBot(bot("{\"provider\": \"openai\", \"name\": \"m\", \"apiKey\": \"" + apiKey + "\"}"));
        String id = created.text("id");

        assertThat(created.json().path("model").path("apiKeySet").asBoolean()).isTrue();
        assertThat(created.json().path("model").has("apiKey")).isFalse();
        for (String path : new String[] {
            "/api/v1/chatbots/" + id,
            "/api/v1/organizations/" + org + "/chatbots/" + id,
            "/api/v1/organizations/" + org + "/chatbots"
        }) {
            Api.Response read = api.get(path);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body()).as(path).contains("\"apiKeySet\":true").doesNotContain(apiKey);
        }
        assertThat(created.body()).doesNotContain(apiKey);
        assertThat(createBot(bot("{}")).json().path("model").path("apiKeySet").asBoolean())
                .isFalse();
    }

    @Test
    void should_store_credentials_encrypted_and_bound_to_their_row_when_they_are_saved() {
        String keyA = "sk-a-" + UUID.randomUUID();
        String botA = createBot(bot("{\"provider\": \"openai\", \"name\": \"m\", \"apiKey\": \"" + keyA + "\"}"))
                .text("id");
        String botB = createBot(bot("{\"provider\": \"openai\", \"name\": \"m\", \"apiKey\": \"sk-b\"}"))
                .text("id");
        String token = "EAAtoken" + UUID.randomUUID();
        String appSecret = "app-secret-" + UUID.randomUUID();
        String channel =
                createChannel(botA, newPhoneNumberId(), token, appSecret).text("id");
        String otherChannel = createChannel(botB, newPhoneNumberId(), "EAAother", "other-secret")
                .text("id");

        byte[] storedKey = column("chatbots", "model_api_key", botA);
        byte[] storedToken = column("channel_accounts", "access_token", channel);
        byte[] storedSecret = column("channel_accounts", "app_secret", channel);

        assertThat(contains(storedKey, keyA)).isFalse();
        assertThat(contains(storedToken, token)).isFalse();
        assertThat(contains(storedSecret, appSecret)).isFalse();
        assertThat(secrets.open(storedKey, "chatbots.model_api_key:" + botA)).isEqualTo(keyA);
        assertThat(secrets.open(storedToken, "channel_accounts.access_token:" + channel))
                .isEqualTo(token);
        assertThat(secrets.open(storedSecret, "channel_accounts.app_secret:" + channel))
                .isEqualTo(appSecret);
        assertThatThrownBy(() -> secrets.open(storedKey, "chatbots.model_api_key:" + botB))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.open(storedToken, "channel_accounts.access_token:" + otherChannel))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.open(storedSecret, "channel_accounts.access_token:" + channel))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("select verify_token_hash from channel_accounts where id = :id")
                        .param("id", UUID.fromString(channel))
                        .query(String.class)
                        .single())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void should_connect_a_whatsapp_channel_without_echoing_secrets_when_the_request_is_valid() {
        String bot = createBot(bot("{}")).text("id");
        String phoneNumberId = newPhoneNumberId();

        Api.Response response = createChannel(bot, phoneNumberId, "EAAplain-token", "plain-app-secret");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode channel = response.json();
        assertThat(channel.path("type").asString()).isEqualTo("whatsapp");
        assertThat(channel.path("chatbotId").asString()).isEqualTo(bot);
        assertThat(channel.path("phoneNumberId").asString()).isEqualTo(phoneNumberId);
        assertThat(channel.path("webhookUrl").asString()).startsWith("http").endsWith("/webhooks/whatsapp");
        assertThat(response.body()).doesNotContain("EAAplain-token", "plain-app-secret", "plain-verify-token");
        assertThat(response.raw().headers().firstValue("Location"))
                .contains("/api/v1/chatbots/" + bot + "/channels/"
                        + channel.path("id").asString());
    }

    @Test
    void should_answer_conflict_when_the_phone_number_id_is_already_connected() {
        String phoneNumberId = newPhoneNumberId();
        assertThat(createChannel(createBot(bot("{}")).text("id"), phoneNumberId, "t1", "s1")
                        .status())
                .isEqualTo(201);

        Api.Response again = createChannel(createBot(bot("{}")).text("id"), phoneNumberId, "t2", "s2");

        assertProblem(again, 409, "channel_already_connected");
        assertThat(jdbc.sql("select count(*) from channel_accounts where external_id = :id")
                        .param("id", phoneNumberId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void should_reject_the_channel_when_the_phone_number_id_is_not_numeric_or_the_type_unsupported() {
        String bot = createBot(bot("{}")).text("id");

        assertInvalidField(createChannel(bot, "+1 555 010 0200", "t", "s"), "phoneNumberId");
        assertInvalidField(createChannel(bot, "\uFF11\uFF12\uFF13\uFF14\uFF15", "t", "s"), "phoneNumberId");
        assertInvalidField(createChannel(bot, "  ", "t", "s"), "phoneNumberId");
        assertInvalidField(
                api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "appSecret": "s", "verifyToken": "v"}""".formatted(newPhoneNumberId())), "accessToken");
        assertProblem(api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "messenger", "phoneNumberId": "123"}"""), 400, "unsupported_channel_type");
        assertProblem(api.post("/api/v1/chatbots/" + bot + "/channels", "{}"), 400, "unsupported_channel_type");
        assertThat(api.get("/api/v1/chatbots/" + bot + "/channels").json()).isEmpty();
    }

    @Test
    void should_list_organizations_chatbots_and_channels_when_they_exist() {
        String first = createBot(bot("{}").replace("\"Bot\"", "\"First\"")).text("id");
        String second = createBot(bot("{}").replace("\"Bot\"", "\"Second\"")).text("id");
        String phoneNumberId = newPhoneNumberId();
        String channel = createChannel(second, phoneNumberId, "t", "s").text("id");

        JsonNode organizations = api.get("/api/v1/organizations").json();
        JsonNode chatbots =
                api.get("/api/v1/organizations/" + org + "/chatbots").json();
        JsonNode channels = api.get("/api/v1/chatbots/" + second + "/channels").json();

        assertThat(organizations.findValuesAsString("id")).contains(org);
        assertThat(chatbots.findValuesAsString("id")).containsExactly(first, second);
        assertThat(chatbots.findValuesAsString("name")).containsExactly("First", "Second");
        assertThat(channels).hasSize(1);
        assertThat(channels.get(0).path("id").asString()).isEqualTo(channel);
        assertThat(channels.get(0).path("phoneNumberId").asString()).isEqualTo(phoneNumberId);
        assertThat(channels.get(0).path("webhookUrl").asString()).endsWith("/webhooks/whatsapp");
        assertThat(api.get("/api/v1/chatbots/" + first + "/channels").json()).isEmpty();
    }

    private Api.Response createBot(String json) {
        return api.post("/api/v1/organizations/" + org + "/chatbots", json);
    }

    private static String bot(String modelJson) {
        return "{\"name\": \"Bot\", \"systemPrompt\": \"You help.\", \"model\": " + modelJson + "}";
    }

    private Api.Response createChannel(String bot, String phoneNumberId, String token, String appSecret) {
        return api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "%s", "appSecret": "%s",
                 "verifyToken": "plain-verify-token"}""".formatted(phoneNumberId, token, appSecret));
    }

    private static String newPhoneNumberId() {
        return Long.toString(300_000_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
    }

    private BigDecimal storedTemperature(String botId) {
        return jdbc.sql("select model_temperature from chatbots where id = :id")
                .param("id", UUID.fromString(botId))
                .query(BigDecimal.class)
                .single();
    }

    private byte[] column(String table, String column, String id) {
        return jdbc.sql("select " + column + " from " + table + " where id = :id")
                .param("id", UUID.fromString(id))
                .query((rs, row) -> rs.getBytes(1))
                .single();
    }

    private static boolean contains(byte[] haystack, String plaintext) {
        byte[] needle = plaintext.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
