package io.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.outreach.DirectMessages;
import io.parley.platform.ContactId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelCapabilities;
import io.parley.platform.channel.ChannelCapabilities.LongText;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.ChannelDefinition;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.Channels;
import io.parley.platform.channel.FailureClass;
import io.parley.platform.channel.LongTexts;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The channel port's contract (issue 12, ADR 30), LangChain4j style: written once, run against every channel. A
 * channel's test extends this class and supplies a {@link Fixture}: how to connect it, deliver a contact's message
 * the channel's way, read what went out on the wire and make its provider fail. Everything else (capabilities,
 * dedupe, replies, long texts, error classes, proactive sends, tenant isolation) is checked here, the same way for
 * every channel.
 */
public abstract class ChannelContract extends IntegrationTestSupport {
    @Autowired
    protected Channels channels;

    @Autowired
    private DirectMessages directMessages;

    protected LlmFake llm;
    protected Fixture fixture;
    protected Connection connection;

    /** How one channel is driven from the outside. Implement it in the channel's contract test. */
    public interface Fixture {
        ChannelType type();

        /**
         * A new organization with a chatbot whose model is {@code llm} (an OpenAI-compatible fake), connected to a new
         * channel of this type the way an admin connects it (normally {@code POST /api/v1/chatbots/{botId}/channels};
         * keep that response in {@link Connection#connectResponse}, or null for a channel every chatbot has).
         */
        Connection connect(Api api, LlmFake llm);

        /**
         * A new address of a contact on this channel, never used before, exactly as it is stored as one of the
         * contact's identity values (the suite finds the contact's conversation by it).
         */
        String newContact();

        /**
         * Delivers a text from {@code contact} the channel's way (a signed webhook, the client API, the sandbox
         * route...); {@code messageId} is the channel's id of the message: the same id again is a resend.
         */
        void deliver(Api api, Connection connection, String contact, String messageId, String text);

        /** The texts that went out on the wire to {@code contact} so far, oldest first. */
        List<String> sent(Api api, Connection connection, String contact);

        /** Error codes of the channel's provider with the class each must get (empty for a channel without one). */
        Map<String, FailureClass> errorCodes();

        /**
         * Makes the provider refuse every further send of this connection with a permanent error; false when the
         * channel has no provider that can refuse (its sends never fail).
         */
        boolean provokePermanentError(Connection connection);
    }

    /** A new organization and its chatbot, as an admin creates them. */
    public record NewChatbot(String organizationId, String chatbotId) {}

    /** A new organization with a chatbot whose model is {@code llm}: where a fixture's {@code connect} starts. */
    public static NewChatbot newChatbot(Api api, LlmFake llm) {
        String org = api.post("/api/v1/organizations", "{\"name\": \"Contract " + UUID.randomUUID() + "\"}")
                .text("id");
        Api.Response bot =
                api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Contract", "systemPrompt": "You help.", "model": {"provider": "openai",
                 "name": "gpt-4o-mini", "baseUrl": "%s", "apiKey": "%s", "timeoutSeconds": 2}}""".formatted(llm.baseUrl(), llm.apiKey()));
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        return new NewChatbot(org, bot.text("id"));
    }

    /**
     * A connected channel.
     *
     * @param channelId       the channel account's id, or null when it exists only after the first message
     * @param connectResponse the answer to the connect request, or null for a channel that is not connected by API
     * @param secrets         values given or shown once on connect that a listing must never show
     */
    public record Connection(
            String organizationId,
            String chatbotId,
            String channelId,
            Api.Response connectResponse,
            List<String> secrets,
            Map<String, String> extra) {
        public Connection {
            secrets = List.copyOf(secrets);
            extra = Map.copyOf(extra);
        }
    }

    protected abstract Fixture fixture();

    @BeforeEach
    void connectAChannel() {
        fixture = fixture();
        llm = LlmFake.create();
        connection = fixture.connect(api, llm);
    }

    private ChannelDefinition definition() {
        return channels.definition(fixture.type());
    }

    @Test
    void should_declare_complete_and_coherent_capabilities() {
        ChannelDefinition definition = definition();
        ChannelCapabilities capabilities = definition.capabilities();

        assertThat(definition.type()).isEqualTo(fixture.type());
        assertThat(channels.types()).contains(fixture.type().wireName());
        assertThat(capabilities.maxTextLength()).isGreaterThan(ChannelCapabilities.TRUNCATION_MARKER.length() + 8);
        assertThat(capabilities.identityKinds())
                .isNotEmpty()
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        assertThat(capabilities.outboundKinds()).contains(OutboundKind.TEXT);
        assertThat(capabilities.longText()).isNotNull();
        if (capabilities.serviceWindow().isPresent() && capabilities.proactive()) {
            assertThat(capabilities.outboundKinds())
                    .as("writing first outside a service window needs templates")
                    .contains(OutboundKind.TEMPLATE);
        }
        assertThat(definition.classify(null)).isNotNull();
        assertThat(definition.classify("no-such-code-" + UUID.randomUUID())).isNotNull();
    }

    @Test
    void should_connect_with_its_id_and_type_and_list_it_without_secrets() {
        if (connection.connectResponse() != null) {
            assertThat(connection.connectResponse().status())
                    .as(connection.connectResponse().body())
                    .isEqualTo(201);
            assertThat(connection.connectResponse().text("id")).isEqualTo(connection.channelId());
            assertThat(connection.connectResponse().text("type"))
                    .isEqualTo(fixture.type().wireName());
        } else {
            Api.Response refused = api.post(
                    "/api/v1/chatbots/" + connection.chatbotId() + "/channels",
                    "{\"type\": \"" + fixture.type().wireName() + "\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
        String contact = fixture.newContact();
        fixture.deliver(api, connection, contact, "m-" + UUID.randomUUID(), "Hello");
        Api.Response listed = api.get("/api/v1/chatbots/" + connection.chatbotId() + "/channels");

        assertThat(listed.status()).isEqualTo(200);
        JsonNode channel = StreamSupport.stream(listed.json().spliterator(), false)
                .filter(c -> c.path("id").asString().equals(channelId()))
                .findFirst()
                .orElseThrow();
        assertThat(channel.path("type").asString()).isEqualTo(fixture.type().wireName());
        assertThat(channel.path("chatbotId").asString()).isEqualTo(connection.chatbotId());
        assertThat(connection.secrets())
                .allSatisfy(secret -> assertThat(listed.body()).doesNotContain(secret));
    }

    @Test
    void should_store_an_inbound_message_once_and_reply_through_the_channel() {
        String reply = "Contract reply " + UUID.randomUUID();
        llm.replies(reply);
        String contact = fixture.newContact();
        String messageId = "m-" + UUID.randomUUID();

        fixture.deliver(api, connection, contact, messageId, "When do you open?");
        fixture.deliver(api, connection, contact, messageId, "When do you open?");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> fixture.sent(api, connection, contact).contains(reply));
        JsonNode messages = messagesOf(contact);
        assertThat(roles(messages, "user")).containsExactly("When do you open?");
        assertThat(fixture.sent(api, connection, contact)).containsOnlyOnce(reply);
    }

    @Test
    void should_split_or_truncate_a_reply_longer_than_the_channel_takes() {
        ChannelCapabilities capabilities = definition().capabilities();
        String longReply = sentences(capabilities.maxTextLength() + 300);
        llm.replies(longReply);
        String contact = fixture.newContact();

        fixture.deliver(api, connection, contact, "m-" + UUID.randomUUID(), "Tell me everything");

        if (capabilities.longText() == LongText.SPLIT) {
            List<String> parts = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> fixture.sent(api, connection, contact),
                            sent -> String.join(" ", sent).length() >= longReply.length() - 10);
            assertThat(parts).hasSizeGreaterThan(1);
            assertThat(parts)
                    .allSatisfy(part ->
                            assertThat(LongTexts.length(part)).isLessThanOrEqualTo(capabilities.maxTextLength()));
            assertThat(parts).allSatisfy(part -> assertThat(part).endsWith("."));
            assertThat(String.join(" ", parts)).isEqualTo(longReply);
        } else {
            List<String> parts = await().atMost(Duration.ofSeconds(20))
                    .until(() -> fixture.sent(api, connection, contact), sent -> !sent.isEmpty());
            assertThat(parts).hasSize(1);
            assertThat(LongTexts.length(parts.getFirst())).isLessThanOrEqualTo(capabilities.maxTextLength());
            assertThat(parts.getFirst()).endsWith(ChannelCapabilities.TRUNCATION_MARKER);
            assertThat(longReply)
                    .startsWith(parts.getFirst()
                            .substring(0, parts.getFirst().length() - ChannelCapabilities.TRUNCATION_MARKER.length()));
            JsonNode events = api.get(
                            "/api/v1/organizations/" + connection.organizationId() + "/events?type=message.truncated")
                    .json();
            assertThat(events).isNotEmpty();
            assertThat(events.get(0).path("payload").path("channel").asString())
                    .isEqualTo(fixture.type().wireName());
        }
    }

    @Test
    void should_classify_the_providers_error_codes() {
        ChannelDefinition definition = definition();

        fixture.errorCodes()
                .forEach((code, expected) -> assertThat(definition.classify(code))
                        .as("error code %s", code)
                        .isEqualTo(expected));
    }

    @Test
    void should_fail_the_reply_when_the_provider_refuses_it() {
        String contact = fixture.newContact();
        if (!fixture.provokePermanentError(connection)) {
            assertThat(fixture.errorCodes())
                    .as("a channel whose sends cannot fail has no provider codes")
                    .isEmpty();
            return;
        }
        llm.replies("This will not arrive");

        fixture.deliver(api, connection, contact, "m-" + UUID.randomUUID(), "Hello?");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode messages = messagesOf(contact);
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.path("role").asString()).isEqualTo("assistant");
            assertThat(last.path("delivery").path("status").asString()).isEqualTo("failed");
        });
    }

    @Test
    void should_send_first_only_when_the_capabilities_allow_proactive_messages() {
        String contact = fixture.newContact();
        fixture.deliver(api, connection, contact, "m-" + UUID.randomUUID(), "Hi");
        ContactId contactId = contactIdOf(contact);
        String text = "Proactive " + UUID.randomUUID();

        if (definition().capabilities().proactive()) {
            directMessages.send(organization(), contactId, null, null, text, Map.of("source", "contract"));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> fixture.sent(api, connection, contact).contains(text));
        } else {
            assertThatThrownBy(() -> directMessages.send(organization(), contactId, null, null, text, Map.of()))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.code()).isEqualTo("channel_not_proactive"));
            assertThat(fixture.sent(api, connection, contact)).doesNotContain(text);
        }
    }

    @Test
    void should_not_find_the_channel_or_contact_from_another_organization() {
        String contact = fixture.newContact();
        fixture.deliver(api, connection, contact, "m-" + UUID.randomUUID(), "Hi");
        ContactId contactId = contactIdOf(contact);
        String otherOrg = api.post("/api/v1/organizations", "{\"name\": \"Other " + UUID.randomUUID() + "\"}")
                .text("id");
        String otherBot = api.post(
                        "/api/v1/organizations/" + otherOrg + "/chatbots",
                        "{\"name\": \"Other\", \"systemPrompt\": \"Help.\"}")
                .text("id");

        Api.Response patched = api.patch("/api/v1/chatbots/" + otherBot + "/channels/" + channelId(), "{}");

        assertThat(patched.status()).isEqualTo(404);
        assertThat(patched.json().path("code").asString()).isEqualTo("channel_not_found");
        assertThat(api.get("/api/v1/chatbots/" + otherBot + "/channels").body()).doesNotContain(channelId());
        assertThatThrownBy(() -> directMessages.send(
                        new OrganizationId(UUID.fromString(otherOrg)), contactId, null, null, "Leak?", Map.of()))
                .isInstanceOf(NotFoundException.class);
    }

    /** The channel account's id (for a channel every chatbot has, once a message created it). */
    protected String channelId() {
        if (connection.channelId() != null) {
            return connection.channelId();
        }
        return StreamSupport.stream(
                        api.get("/api/v1/chatbots/" + connection.chatbotId() + "/channels")
                                .json()
                                .spliterator(),
                        false)
                .filter(c -> c.path("type").asString().equals(fixture.type().wireName()))
                .map(c -> c.path("id").asString())
                .findFirst()
                .orElseThrow();
    }

    private OrganizationId organization() {
        return new OrganizationId(UUID.fromString(connection.organizationId()));
    }

    protected Optional<JsonNode> conversationOf(String contact) {
        return conversationOf(api, connection.chatbotId(), contact);
    }

    /** The conversation of the chatbot whose contact has {@code contact} as one of its identities. */
    public static Optional<JsonNode> conversationOf(Api api, String chatbotId, String contact) {
        JsonNode conversations =
                api.get("/api/v1/chatbots/" + chatbotId + "/conversations").json();
        for (JsonNode conversation : conversations) {
            for (JsonNode identity : conversation.path("contact").path("identities")) {
                if (contact.equals(identity.path("value").asString())) {
                    return Optional.of(conversation);
                }
            }
        }
        return Optional.empty();
    }

    private ContactId contactIdOf(String contact) {
        JsonNode conversation = await().atMost(Duration.ofSeconds(10))
                .until(() -> conversationOf(contact), Optional::isPresent)
                .orElseThrow();
        return new ContactId(
                UUID.fromString(conversation.path("contact").path("id").asString()));
    }

    private JsonNode messagesOf(String contact) {
        JsonNode conversation = await().atMost(Duration.ofSeconds(10))
                .until(() -> conversationOf(contact), Optional::isPresent)
                .orElseThrow();
        return api.get("/api/v1/conversations/" + conversation.path("id").asString() + "/messages")
                .json();
    }

    private static List<String> roles(JsonNode messages, String role) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messages) {
            if (role.equals(message.path("role").asString())) {
                texts.add(message.path("content").asString());
            }
        }
        return texts;
    }

    /** Numbered sentences, single-spaced, at least {@code length} characters long. */
    static String sentences(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; text.length() < length; i++) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append("Sentence number ").append(i).append(" explains one more detail of the answer.");
        }
        return text.toString();
    }

    /** The texts of the conversation's messages from the business that the outbox marked sent, oldest first. */
    public static List<String> sentThroughOutbox(Api api, String conversationId) {
        List<String> sent = new ArrayList<>();
        for (JsonNode message :
                api.get("/api/v1/conversations/" + conversationId + "/messages").json()) {
            if (!"user".equals(message.path("role").asString())
                    && Objects.equals(
                            "sent", message.path("delivery").path("status").asString())) {
                sent.add(message.path("content").asString());
            }
        }
        return sent;
    }
}
