package io.parley.tools.internal;

import io.parley.contacts.ContactTier;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which tools each chatbot offers. Changing a selection announces the chatbot ({@link #TOPIC}) for the caches of
 * other nodes (ADR 50); a change of a tool source announces every chatbot ({@link ToolSourceRepository}).
 */
@Repository
public class ChatbotToolsRepository {
    /** Notices about the tools a chatbot offers, keyed by chatbot id. */
    public static final String TOPIC = "chatbot-tools";

    private final JdbcClient jdbc;
    private final ChangeNotices notices;

    ChatbotToolsRepository(JdbcClient jdbc, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    /** Replaces the chatbot's selection in the caller's transaction. */
    public void replace(
            ChatbotId chatbotId, OrganizationId organizationId, Collection<String> builtins, Collection<UUID> sources) {
        jdbc.sql("delete from chatbot_tools where chatbot_id = :bot")
                .param("bot", chatbotId.value())
                .update();
        for (String name : builtins) {
            insert(chatbotId, organizationId, "builtin", name);
        }
        for (UUID source : sources) {
            insert(chatbotId, organizationId, "source", source.toString());
        }
        notices.announce(TOPIC, chatbotId);
    }

    public List<String> refs(ChatbotId chatbotId, String kind) {
        return jdbc.sql("select ref from chatbot_tools where chatbot_id = :bot and kind = :kind order by ref")
                .param("bot", chatbotId.value())
                .param("kind", kind)
                .query(String.class)
                .list();
    }

    /** The minimum contact tier per tool name; tools not named need none. */
    public Map<String, ContactTier> minTiers(ChatbotId chatbotId) {
        Map<String, ContactTier> tiers = new TreeMap<>();
        jdbc.sql("select tool, min_tier from chatbot_tool_tiers where chatbot_id = :bot")
                .param("bot", chatbotId.value())
                .query(rs -> {
                    tiers.put(rs.getString("tool"), ContactTier.fromWire(rs.getString("min_tier")));
                });
        return tiers;
    }

    public void replaceMinTiers(ChatbotId chatbotId, OrganizationId organizationId, Map<String, ContactTier> tiers) {
        jdbc.sql("delete from chatbot_tool_tiers where chatbot_id = :bot")
                .param("bot", chatbotId.value())
                .update();
        tiers.forEach((tool, tier) -> jdbc.sql("""
                        insert into chatbot_tool_tiers (chatbot_id, organization_id, tool, min_tier)
                        values (:bot, :org, :tool, :tier)""")
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .param("tool", tool)
                .param("tier", tier.wireName())
                .update());
    }

    private void insert(ChatbotId chatbotId, OrganizationId organizationId, String kind, String ref) {
        jdbc.sql("insert into chatbot_tools (chatbot_id, organization_id, kind, ref) values (:bot, :org, :kind, :ref)")
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .param("kind", kind)
                .param("ref", ref)
                .update();
    }
}
