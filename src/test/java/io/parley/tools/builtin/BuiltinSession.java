package io.parley.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.llm.ToolCall;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A real WhatsApp conversation on a bot with the built-in tools enabled, and tool calls made the way the agent makes
 * them: through {@link Tools#execute}, with the conversation's real organization, chatbot, conversation and contact.
 */
final class BuiltinSession {
    static final List<String> BUILTINS =
            List.of("capture_lead", "get_lead", "contact_owner", "update_contact", "handover");

    private final Tools tools;
    private final Tenants.WhatsAppBot bot;
    private final ToolContext context;

    private BuiltinSession(Tools tools, Tenants.WhatsAppBot bot, ToolContext context) {
        this.tools = tools;
        this.bot = bot;
        this.context = context;
    }

    /** An offline bot in a new organization, with the built-ins enabled. */
    static Tenants.WhatsAppBot botWithBuiltins(Api api, Tools tools) {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Tools.Selection selection = tools.select(chatbotId(bot), BUILTINS, List.of());
        assertThat(selection.builtins()).containsExactlyInAnyOrderElementsOf(BUILTINS);
        return bot;
    }

    static String newWaId() {
        return "1555" + ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L);
    }

    /** The person with WhatsApp number {@code waId} writes to the bot; the session is their conversation. */
    static BuiltinSession whatsApp(Api api, JdbcClient jdbc, Tools tools, Tenants.WhatsAppBot bot, String waId) {
        return whatsApp(api, jdbc, tools, bot, waId, "Ana");
    }

    /** Like {@link #whatsApp(Api, JdbcClient, Tools, Tenants.WhatsAppBot, String)}, with this WhatsApp profile name. */
    static BuiltinSession whatsApp(
            Api api, JdbcClient jdbc, Tools tools, Tenants.WhatsAppBot bot, String waId, String profileName) {
        post(
                api,
                bot,
                WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), waId, profileName, WhatsAppPayloads.newWamid(), "Hello"));
        return new BuiltinSession(tools, bot, context(jdbc, bot, "phone", "+" + waId));
    }

    /** A WhatsApp username user writes: Meta gives a business-scoped id and no phone number. */
    static BuiltinSession usernameUser(Api api, JdbcClient jdbc, Tools tools, Tenants.WhatsAppBot bot) {
        String userId = "US." + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        post(
                api,
                bot,
                WhatsAppPayloads.textFromUsername(
                        bot.phoneNumberId(), userId, "Sheena", WhatsAppPayloads.newWamid(), "Hello"));
        return new BuiltinSession(tools, bot, context(jdbc, bot, "bsuid", userId));
    }

    ToolOutcome call(String tool, String argumentsJson) {
        return tools.execute(context, new ToolCall("call_" + UUID.randomUUID(), tool, argumentsJson));
    }

    /** Calls the tool and returns its result, failing the test when the call did not succeed. */
    JsonNode succeed(String tool, String argumentsJson) {
        ToolOutcome outcome = call(tool, argumentsJson);
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(ToolOutcome.Status.SUCCESS);
        return Api.json().readTree(outcome.resultJson());
    }

    ToolContext context() {
        return context;
    }

    Tenants.WhatsAppBot bot() {
        return bot;
    }

    OrganizationId organizationId() {
        return context.organizationId();
    }

    private static void post(Api api, Tenants.WhatsAppBot bot, String payload) {
        Api.Response ack = Webhooks.post(api, payload, bot.appSecret());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    }

    private static ToolContext context(JdbcClient jdbc, Tenants.WhatsAppBot bot, String kind, String value) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> conversation(jdbc, bot, kind, value).isPresent());
        ConversationRow row = conversation(jdbc, bot, kind, value).orElseThrow();
        return new ToolContext(
                new OrganizationId(UUID.fromString(bot.organizationId())),
                chatbotId(bot),
                new ConversationId(row.id()),
                new ContactId(row.contactId()),
                1);
    }

    private record ConversationRow(UUID id, UUID contactId) {}

    private static Optional<ConversationRow> conversation(
            JdbcClient jdbc, Tenants.WhatsAppBot bot, String kind, String value) {
        return jdbc.sql("""
                        select c.id, c.contact_id from conversations c
                        join contact_identities i on i.contact_id = c.contact_id
                        where c.chatbot_id = :bot and i.kind = :kind and i.value = :value""")
                .param("bot", UUID.fromString(bot.chatbotId()))
                .param("kind", kind)
                .param("value", value)
                .query((rs, row) ->
                        new ConversationRow(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class)))
                .optional();
    }

    private static ChatbotId chatbotId(Tenants.WhatsAppBot bot) {
        return new ChatbotId(UUID.fromString(bot.chatbotId()));
    }
}
