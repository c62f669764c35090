package io.parley.tenancy.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import io.parley.platform.cache.ChangeNotices;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.FallbackMessages;
import io.parley.tenancy.FaqEntry;
import io.parley.tenancy.ModelSettings;
import io.parley.tenancy.PromptBudgetSettings;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Chatbots; every write announces the chatbot ({@link #TOPIC}) for the caches of other nodes (ADR 50). */
@Repository
public class ChatbotRepository {
    /** Notices about chatbots, keyed by chatbot id. */
    public static final String TOPIC = "chatbots";

    private static final TypeReference<List<FaqEntry>> FAQ = new TypeReference<>() {};
    private static final String COLUMNS = """
            name = :name, system_prompt = :prompt, persona = :persona, fallback_error = :error,
            fallback_limit = :limit, fallback_unknown = :unknown, max_rounds_message = :maxRounds,
            handover_message = :handover, model_provider = :provider, model_name = :model, model_base_url = :baseUrl,
            model_temperature = :temperature, model_timeout_ms = :timeoutMs, model_max_output_tokens = :maxOutput,
            max_tool_rounds = :maxToolRounds, fallback_model = cast(:fallback as jsonb), faq = cast(:faq as jsonb),
            model_api_key = case when :keyChange then :apiKey else model_api_key end,
            fallback_model_api_key = case when :fallbackKeyChange then :fallbackKey else fallback_model_api_key end,
            session_timeout_ms = :sessionTimeoutMs,
            prompt_budget = cast(:promptBudget as jsonb),
            resumed_at = case when :active and not active then :now else resumed_at end, active = :active,
            updated_at = now()""";

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final Clock clock;
    private final ChangeNotices notices;

    ChatbotRepository(JdbcClient jdbc, SecretBox secrets, JsonMapper json, Clock clock, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
        this.notices = notices;
    }

    public void insert(ChatbotId id, OrganizationId organizationId, ChatbotDraft bot) {
        jdbc.sql("""
                        insert into chatbots (id, organization_id, name, system_prompt, fallback_error, fallback_limit,
                            fallback_unknown)
                        values (:id, :org, '', '', '', '', '')""")
                .param("id", id.value())
                .param("org", organizationId.value())
                .update();
        update(id, bot);
    }

    public void update(ChatbotId id, ChatbotDraft bot) {
        FallbackMessages f = bot.fallbackMessages();
        ChatbotDraft.Model m = bot.model();
        ChatbotDraft.Fallback fallback = m.fallback();
        jdbc.sql("update chatbots set " + COLUMNS + " where id = :id")
                .param("id", id.value())
                .param("name", bot.name())
                .param("prompt", bot.systemPrompt())
                .param("persona", bot.persona())
                .param("error", f.error())
                .param("limit", f.limit())
                .param("unknown", f.unknown())
                .param("maxRounds", f.maxRounds())
                .param("handover", f.handover())
                .param("provider", m.provider())
                .param("model", m.name())
                .param("baseUrl", m.baseUrl())
                .param("temperature", BigDecimal.valueOf(m.temperature()))
                .param("timeoutMs", m.timeoutSeconds() == null ? null : m.timeoutSeconds() * 1000)
                .param("maxOutput", m.maxOutputTokens())
                .param("maxToolRounds", m.maxToolRounds())
                .param("fallback", fallback == null ? null : json.writeValueAsString(fallbackJson(fallback)))
                .param("faq", json.writeValueAsString(bot.faq()))
                .param("keyChange", m.apiKey() != null)
                .param("apiKey", seal(m.apiKey(), keyContext(id)))
                // Removing the fallback model removes its key; otherwise null keeps it.
                .param("fallbackKeyChange", fallback == null || fallback.apiKey() != null)
                .param("fallbackKey", fallback == null ? null : seal(fallback.apiKey(), fallbackKeyContext(id)))
                .param("sessionTimeoutMs", sessionTimeout(bot).toMillis())
                .param("promptBudget", promptBudgetJson(bot.promptBudget()))
                // resumed_at comes from the clock that stamps messages: a turn compares the two (ADR 33).
                .param("active", bot.active() == null || bot.active())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        notices.announce(TOPIC, id);
    }

    private static Duration sessionTimeout(ChatbotDraft bot) {
        return bot.sessionTimeout() == null ? Chatbot.DEFAULT_SESSION_TIMEOUT : Duration.parse(bot.sessionTimeout());
    }

    private String promptBudgetJson(PromptBudgetSettings budget) {
        return budget == null || budget.overridesNothing() ? null : json.writeValueAsString(budget);
    }

    public Optional<Chatbot> find(ChatbotId id) {
        return jdbc.sql("select * from chatbots where id = :id")
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    public List<Chatbot> listByOrganization(OrganizationId organizationId) {
        return jdbc.sql("select * from chatbots where organization_id = :org order by created_at, id")
                .param("org", organizationId.value())
                .query(this::map)
                .list();
    }

    private Chatbot map(ResultSet rs, int row) throws SQLException {
        ChatbotId id = new ChatbotId(rs.getObject("id", UUID.class));
        int timeoutMs = rs.getInt("model_timeout_ms");
        Duration timeout = rs.wasNull() ? null : Duration.ofMillis(timeoutMs);
        int maxOutput = rs.getInt("model_max_output_tokens");
        Integer maxOutputTokens = rs.wasNull() ? null : maxOutput;
        ModelSettings model = new ModelSettings(
                rs.getString("model_provider"),
                rs.getString("model_name"),
                rs.getString("model_base_url"),
                open(rs.getBytes("model_api_key"), keyContext(id)),
                rs.getBigDecimal("model_temperature").doubleValue(),
                timeout,
                maxOutputTokens,
                rs.getInt("max_tool_rounds"),
                fallbackModel(rs, id));
        return new Chatbot(
                id,
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("name"),
                rs.getString("system_prompt"),
                rs.getString("persona"),
                FallbackMessages.withDefaults(
                        rs.getString("fallback_error"),
                        rs.getString("fallback_limit"),
                        rs.getString("fallback_unknown"),
                        rs.getString("max_rounds_message"),
                        rs.getString("handover_message")),
                model,
                json.readValue(rs.getString("faq"), FAQ),
                rs.getTimestamp("created_at").toInstant(),
                Duration.ofMillis(rs.getLong("session_timeout_ms")),
                promptBudget(rs.getString("prompt_budget")),
                rs.getBoolean("active"),
                instant(rs.getTimestamp("resumed_at")));
    }

    private PromptBudgetSettings promptBudget(String stored) {
        return stored == null ? PromptBudgetSettings.DEFAULTS : json.readValue(stored, PromptBudgetSettings.class);
    }

    private ModelSettings.FallbackModel fallbackModel(ResultSet rs, ChatbotId id) throws SQLException {
        String fallback = rs.getString("fallback_model");
        if (fallback == null) {
            return null;
        }
        JsonNode node = json.readTree(fallback);
        return new ModelSettings.FallbackModel(
                node.path("provider").asString(),
                node.path("name").asString(null),
                node.path("baseUrl").asString(null),
                open(rs.getBytes("fallback_model_api_key"), fallbackKeyContext(id)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Deletes the chatbot; everything it owns goes with it by foreign-key cascade (ADR 33). */
    public boolean delete(ChatbotId id) {
        boolean deleted = jdbc.sql("delete from chatbots where id = :id")
                        .param("id", id.value())
                        .update()
                == 1;
        notices.announce(TOPIC, id);
        notices.announceAll(ChannelAccountRepository.TOPIC); // its channels went with it
        return deleted;
    }

    private static Map<String, Object> fallbackJson(ChatbotDraft.Fallback fallback) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("provider", fallback.provider());
        node.put("name", fallback.name());
        node.put("baseUrl", fallback.baseUrl());
        return node;
    }

    private byte[] seal(String key, String context) {
        return key == null || key.isEmpty() ? null : secrets.seal(key, context);
    }

    private Secret open(byte[] ciphertext, String context) {
        return ciphertext == null ? null : Secret.of(secrets.open(ciphertext, context));
    }

    private static String keyContext(ChatbotId id) {
        return "chatbots.model_api_key:" + id;
    }

    private static String fallbackKeyContext(ChatbotId id) {
        return "chatbots.fallback_model_api_key:" + id;
    }
}
