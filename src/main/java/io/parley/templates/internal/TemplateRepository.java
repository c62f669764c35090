package io.parley.templates.internal;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.templates.MessageTemplate;
import io.parley.templates.TemplateStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code message_templates} and {@code window_templates}. */
@Repository
public class TemplateRepository {
    private final JdbcClient jdbc;

    TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A template row to insert or overwrite (keyed by channel account, name and language). */
    public record TemplateRow(
            OrganizationId organizationId,
            ChannelAccountId channelAccountId,
            String name,
            String language,
            String category,
            TemplateStatus status,
            String componentsJson,
            int bodyParameters,
            String providerTemplateId) {}

    public void upsert(TemplateRow t) {
        jdbc.sql("""
                        insert into message_templates (id, organization_id, channel_account_id, name, language, category,
                            status, components, body_parameters, provider_template_id, updated_at)
                        values (:id, :org, :account, :name, :language, :category, :status, cast(:components as jsonb),
                            :bodyParameters, :providerId, now())
                        on conflict (channel_account_id, name, language) do update
                          set category = excluded.category, status = excluded.status, status_reason = null,
                              components = excluded.components, body_parameters = excluded.body_parameters,
                              provider_template_id = coalesce(excluded.provider_template_id,
                                                              message_templates.provider_template_id),
                              updated_at = now()""")
                .param("id", UUID.randomUUID())
                .param("org", t.organizationId().value())
                .param("account", t.channelAccountId().value())
                .param("name", t.name())
                .param("language", t.language())
                .param("category", t.category())
                .param("status", t.status().wireName())
                .param("components", t.componentsJson())
                .param("bodyParameters", t.bodyParameters())
                .param("providerId", t.providerTemplateId())
                .update();
    }

    public List<MessageTemplate> listByAccounts(Collection<ChannelAccountId> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select * from message_templates where channel_account_id in (:accounts)
                        order by name, language, channel_account_id""")
                .param(
                        "accounts",
                        accounts.stream().map(ChannelAccountId::value).toList())
                .query(TemplateRepository::map)
                .list();
    }

    public Optional<MessageTemplate> find(ChannelAccountId account, String name, String language) {
        return jdbc.sql("""
                        select * from message_templates
                        where channel_account_id = :account and name = :name and language = :language""")
                .param("account", account.value())
                .param("name", name)
                .param("language", language)
                .query(TemplateRepository::map)
                .optional();
    }

    /**
     * Applies a status webhook to the templates of {@code accounts} (the channels of the signing business account;
     * never another tenant's, whatever id the body names): the one with this provider id, or (registered by hand,
     * id unknown) the one with this name and language. Returns the rows changed.
     */
    public List<MessageTemplate> updateStatus(
            Collection<ChannelAccountId> accounts,
            String providerTemplateId,
            String name,
            String language,
            TemplateStatus status,
            String reason) {
        List<UUID> accountIds = accounts.stream().map(ChannelAccountId::value).toList();
        return jdbc.sql("""
                        update message_templates
                        set status = :status, status_reason = :reason, updated_at = now(),
                            provider_template_id = coalesce(provider_template_id, :providerId)
                        where channel_account_id = any(:accounts)
                          and ((cast(:providerId as text) is not null and provider_template_id = :providerId)
                               or (name = :name and language = :language))
                        returning *""")
                .param("status", status.wireName())
                .param("reason", reason)
                .param("providerId", providerTemplateId)
                .param("accounts", accountIds.toArray(UUID[]::new))
                .param("name", name)
                .param("language", language)
                .query(TemplateRepository::map)
                .list();
    }

    /** A chatbot's re-engagement template. */
    public record WindowTemplateRow(ChatbotId chatbotId, String name, String language, String parametersJson) {}

    public void saveWindowTemplate(OrganizationId organizationId, WindowTemplateRow row) {
        jdbc.sql("""
                        insert into window_templates (chatbot_id, organization_id, name, language, parameters, updated_at)
                        values (:bot, :org, :name, :language, cast(:parameters as jsonb), now())
                        on conflict (chatbot_id) do update
                          set name = excluded.name, language = excluded.language, parameters = excluded.parameters,
                              updated_at = now()""")
                .param("bot", row.chatbotId().value())
                .param("org", organizationId.value())
                .param("name", row.name())
                .param("language", row.language())
                .param("parameters", row.parametersJson())
                .update();
    }

    /** Removes the chatbot's re-engagement template; false when it had none. */
    public boolean deleteWindowTemplate(ChatbotId chatbotId) {
        return jdbc.sql("delete from window_templates where chatbot_id = :bot")
                        .param("bot", chatbotId.value())
                        .update()
                > 0;
    }

    public Optional<WindowTemplateRow> findWindowTemplate(ChatbotId chatbotId) {
        return jdbc.sql("select * from window_templates where chatbot_id = :bot")
                .param("bot", chatbotId.value())
                .query((rs, row) -> new WindowTemplateRow(
                        chatbotId, rs.getString("name"), rs.getString("language"), rs.getString("parameters")))
                .optional();
    }

    private static MessageTemplate map(ResultSet rs, int row) throws SQLException {
        String components = rs.getString("components");
        return new MessageTemplate(
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                rs.getString("name"),
                rs.getString("language"),
                rs.getString("category"),
                TemplateStatus.fromWire(rs.getString("status")),
                rs.getString("status_reason"),
                components,
                TemplateBodies.bodyText(components),
                rs.getInt("body_parameters"),
                rs.getString("provider_template_id"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
