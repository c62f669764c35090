package io.parley.tenancy.internal;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.WhatsAppCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Channel accounts with their encrypted credentials; every write announces the account ({@link #TOPIC}) for the
 * caches of other nodes (ADR 50).
 */
@Repository
public class ChannelAccountRepository {
    /** Notices about channel accounts and their credentials, keyed by channel account id. */
    public static final String TOPIC = "channel-accounts";

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final ChangeNotices notices;

    ChannelAccountRepository(JdbcClient jdbc, SecretBox secrets, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.notices = notices;
    }

    /** What Meta showed for the number when it was connected (both null when verification is switched off). */
    public record NumberProfile(String displayPhoneNumber, String verifiedName) {}

    public ChannelAccount insertWhatsApp(
            ChannelType type,
            ChannelAccountId id,
            Chatbot chatbot,
            String phoneNumberId,
            String accessToken,
            String appSecret,
            String verifyToken,
            String businessAccountId,
            NumberProfile profile) {
        ChannelAccount inserted = jdbc.sql("""
                        insert into channel_accounts (id, organization_id, chatbot_id, type, external_id, access_token,
                            app_secret, verify_token_hash, business_account_id, display_phone_number, verified_name)
                        values (:id, :org, :bot, :type, :external, :token, :secret, :verify, :waba, :display,
                            :verifiedName)
                        returning *""")
                .param("id", id.value())
                .param("type", type.wireName())
                .param("org", chatbot.organizationId().value())
                .param("bot", chatbot.id().value())
                .param("external", phoneNumberId)
                .param("token", secrets.seal(accessToken, context("access_token", id)))
                .param("secret", secrets.seal(appSecret, context("app_secret", id)))
                .param("verify", sha256(verifyToken))
                .param("waba", businessAccountId)
                .param("display", profile.displayPhoneNumber())
                .param("verifiedName", profile.verifiedName())
                .query(ChannelAccountRepository::map)
                .single();
        notices.announce(TOPIC, id);
        return inserted;
    }

    /** A channel account without provider credentials (the channel package keeps its own settings). */
    public ChannelAccount insert(ChannelAccountId id, Chatbot chatbot, ChannelType type, String externalId) {
        ChannelAccount inserted = jdbc.sql("""
                        insert into channel_accounts (id, organization_id, chatbot_id, type, external_id)
                        values (:id, :org, :bot, :type, :external)
                        returning *""")
                .param("id", id.value())
                .param("org", chatbot.organizationId().value())
                .param("bot", chatbot.id().value())
                .param("type", type.wireName())
                .param("external", externalId)
                .query(ChannelAccountRepository::map)
                .single();
        notices.announce(TOPIC, id);
        return inserted;
    }

    public ChannelAccount ensureBuiltIn(ChannelType type, ChannelAccountId id, Chatbot chatbot) {
        int inserted = jdbc.sql("""
                        insert into channel_accounts (id, organization_id, chatbot_id, type, external_id)
                        values (:id, :org, :bot, :type, :external)
                        on conflict (type, external_id) do nothing""")
                .param("id", id.value())
                .param("type", type.wireName())
                .param("org", chatbot.organizationId().value())
                .param("bot", chatbot.id().value())
                .param("external", chatbot.id().toString())
                .update();
        if (inserted > 0) {
            notices.announce(TOPIC, id);
        }
        return jdbc.sql("select * from channel_accounts where type = :type and external_id = :external")
                .param("type", type.wireName())
                .param("external", chatbot.id().toString())
                .query(ChannelAccountRepository::map)
                .single();
    }

    public Optional<ChannelAccount> findWhatsApp(ChannelType type, String phoneNumberId) {
        return jdbc.sql("select * from channel_accounts where type = :type and external_id = :external")
                .param("type", type.wireName())
                .param("external", phoneNumberId)
                .query(ChannelAccountRepository::map)
                .optional();
    }

    /** The WhatsApp accounts of these phone number ids, in one statement. */
    public List<ChannelAccount> findWhatsApp(ChannelType type, Collection<String> phoneNumberIds) {
        return jdbc.sql("select * from channel_accounts where type = :type and external_id = any(:external)")
                .param("type", type.wireName())
                .param("external", phoneNumberIds.toArray(String[]::new))
                .query(ChannelAccountRepository::map)
                .list();
    }

    /**
     * Changes whenever a WhatsApp account is added or removed: their count and the newest creation time. Cheap (a
     * few thousand rows at most), read by a node at most every few seconds to notice numbers connected elsewhere.
     */
    public String whatsAppFingerprint(ChannelType type) {
        return jdbc.sql("""
                        select count(*) || '/' || coalesce(max(created_at)::text, '-')
                        from channel_accounts where type = :type""").param("type", type.wireName()).query(String.class).single();
    }

    public Optional<ChannelAccount> find(ChannelAccountId id) {
        return jdbc.sql("select * from channel_accounts where id = :id")
                .param("id", id.value())
                .query(ChannelAccountRepository::map)
                .optional();
    }

    public List<ChannelAccount> listByChatbot(ChatbotId chatbotId) {
        return jdbc.sql("select * from channel_accounts where chatbot_id = :bot order by created_at, id")
                .param("bot", chatbotId.value())
                .query(ChannelAccountRepository::map)
                .list();
    }

    public List<ChannelAccount> listByOrganization(OrganizationId organizationId) {
        return jdbc.sql("select * from channel_accounts where organization_id = :org order by created_at, id")
                .param("org", organizationId.value())
                .query(ChannelAccountRepository::map)
                .list();
    }

    /**
     * New WhatsApp credentials; a null argument keeps the stored value. {@code businessAccountId} "" removes it.
     * {@code profile}: what Meta showed for the number with the new access token, or null to keep the stored one.
     */
    public void updateWhatsApp(
            ChannelType type,
            ChannelAccountId id,
            String accessToken,
            String appSecret,
            String verifyToken,
            String businessAccountId,
            NumberProfile profile) {
        jdbc.sql("""
                        update channel_accounts set
                            access_token = coalesce(:token, access_token),
                            app_secret = coalesce(:secret, app_secret),
                            verify_token_hash = coalesce(:verify, verify_token_hash),
                            business_account_id = case when :wabaChange then :waba else business_account_id end,
                            display_phone_number = case when :profileChange then :display else display_phone_number end,
                            verified_name = case when :profileChange then :verifiedName else verified_name end
                        where id = :id and type = :type""")
                .param("id", id.value())
                .param("type", type.wireName())
                .param("token", accessToken == null ? null : secrets.seal(accessToken, context("access_token", id)))
                .param("secret", appSecret == null ? null : secrets.seal(appSecret, context("app_secret", id)))
                .param("verify", verifyToken == null ? null : sha256(verifyToken))
                .param("wabaChange", businessAccountId != null)
                .param("waba", businessAccountId == null || businessAccountId.isEmpty() ? null : businessAccountId)
                .param("profileChange", profile != null)
                .param("display", profile == null ? null : profile.displayPhoneNumber())
                .param("verifiedName", profile == null ? null : profile.verifiedName())
                .update();
        notices.announce(TOPIC, id);
    }

    /** Deletes the channel account with its credentials; its conversations go with it by cascade (ADR 33). */
    public boolean delete(ChannelAccountId id) {
        boolean deleted = jdbc.sql("delete from channel_accounts where id = :id")
                        .param("id", id.value())
                        .update()
                == 1;
        notices.announce(TOPIC, id);
        return deleted;
    }

    public Optional<String> businessAccountId(ChannelType type, ChannelAccountId id) {
        return jdbc.sql("select business_account_id from channel_accounts where id = :id and type = :type")
                .param("id", id.value())
                .param("type", type.wireName())
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(waba -> waba);
    }

    public List<ChannelAccount> findByBusinessAccountIds(ChannelType type, Collection<String> businessAccountIds) {
        return jdbc.sql("""
                        select * from channel_accounts where type = :type and business_account_id = any(:waba)
                        order by created_at, id""")
                .param("type", type.wireName())
                .param("waba", businessAccountIds.toArray(String[]::new))
                .query(ChannelAccountRepository::map)
                .list();
    }

    public WhatsAppCredentials whatsAppCredentials(ChannelType type, ChannelAccountId id) {
        return jdbc.sql("select access_token, app_secret from channel_accounts where id = :id and type = :type")
                .param("id", id.value())
                .param("type", type.wireName())
                .query((rs, row) -> new WhatsAppCredentials(
                        Secret.of(secrets.open(rs.getBytes("access_token"), context("access_token", id))),
                        Secret.of(secrets.open(rs.getBytes("app_secret"), context("app_secret", id)))))
                .optional()
                .orElseThrow(() -> new IllegalStateException("Channel account " + id + " has no WhatsApp credentials"));
    }

    public boolean existsWithVerifyToken(String verifyToken) {
        return jdbc.sql("select exists (select 1 from channel_accounts where verify_token_hash = :hash)")
                .param("hash", sha256(verifyToken))
                .query(Boolean.class)
                .single();
    }

    private static String context(String column, ChannelAccountId id) {
        return "channel_accounts." + column + ":" + id;
    }

    /** Verify tokens are only ever compared, so only their hash is kept. */
    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChannelAccount map(ResultSet rs, int row) throws SQLException {
        return new ChannelAccount(
                new ChannelAccountId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new ChatbotId(rs.getObject("chatbot_id", UUID.class)),
                ChannelType.fromWire(rs.getString("type")),
                rs.getString("external_id"),
                rs.getString("business_account_id"),
                rs.getString("display_phone_number"),
                rs.getString("verified_name"),
                rs.getTimestamp("created_at").toInstant());
    }
}
