package io.parley.channels.client;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code client_channels} rows: keys by hash only, secrets sealed per row and column. */
@Repository
class ClientChannelStore {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final ChannelAccounts accounts;
    private final JsonMapper json;

    ClientChannelStore(JdbcClient jdbc, SecretBox secrets, ChannelAccounts accounts, JsonMapper json) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.accounts = accounts;
        this.json = json;
    }

    /** The settings written on connect and on every change; null secrets keep the stored ones on update. */
    record Settings(
            String callbackUrl, List<String> allowedOrigins, boolean acceptGuests, Map<String, Object> widget) {}

    void insert(ChannelAccount account, String key, String identitySecret, String signingSecret, Settings settings) {
        ChannelAccountId id = account.id();
        jdbc.sql("""
                        insert into client_channels (channel_account_id, organization_id, key_hash, key_hint,
                            identity_secret, signing_secret, token_secret, callback_url, allowed_origins,
                            accept_guests, widget, publishable_key)
                        values (:id, :org, :hash, :hint, :identity, :signing, :token, :callback, :origins, :guests,
                            cast(:widget as jsonb), :publishable)""")
                .param("publishable", publishable(key, id))
                .param("id", id.value())
                .param("org", account.organizationId().value())
                .param("hash", ClientKeys.sha256(key))
                .param("hint", ClientKeys.hint(key))
                .param("identity", seal(identitySecret, "identity_secret", id))
                .param("signing", seal(signingSecret, "signing_secret", id))
                .param("token", seal(ClientKeys.generate("ct_"), "token_secret", id))
                .param("callback", settings.callbackUrl())
                .param("origins", settings.allowedOrigins().toArray(String[]::new))
                .param("guests", settings.acceptGuests())
                .param("widget", json.writeValueAsString(settings.widget()))
                .update();
    }

    void update(
            ChannelAccountId id, String newKey, String newIdentitySecret, String newSigningSecret, Settings settings) {
        jdbc.sql("""
                        update client_channels set
                            key_hash = coalesce(:hash, key_hash), key_hint = coalesce(:hint, key_hint),
                            publishable_key = coalesce(:publishable, publishable_key),
                            identity_secret = coalesce(:identity, identity_secret),
                            signing_secret = coalesce(:signing, signing_secret),
                            callback_url = :callback, allowed_origins = :origins, accept_guests = :guests,
                            widget = cast(:widget as jsonb), updated_at = now()
                        where channel_account_id = :id""")
                .param("id", id.value())
                .param("hash", newKey == null ? null : ClientKeys.sha256(newKey))
                .param("hint", newKey == null ? null : ClientKeys.hint(newKey))
                .param("publishable", newKey == null ? null : publishable(newKey, id))
                .param("identity", seal(newIdentitySecret, "identity_secret", id))
                .param("signing", seal(newSigningSecret, "signing_secret", id))
                .param("callback", settings.callbackUrl())
                .param("origins", settings.allowedOrigins().toArray(String[]::new))
                .param("guests", settings.acceptGuests())
                .param("widget", json.writeValueAsString(settings.widget()))
                .update();
    }

    void rename(ChannelAccountId id, String name) {
        jdbc.sql("update client_channels set name = :name where channel_account_id = :id")
                .param("id", id.value())
                .param("name", name)
                .update();
    }

    String name(ChannelAccountId id) {
        return jdbc.sql("select name from client_channels where channel_account_id = :id")
                .param("id", id.value())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    Optional<ClientChannel> findByKey(String key) {
        return jdbc.sql("select * from client_channels where key_hash = :hash")
                .param("hash", ClientKeys.sha256(key))
                .query(this::map)
                .optional()
                .flatMap(this::withAccount);
    }

    Optional<ClientChannel> find(ChannelAccountId id) {
        return jdbc.sql("select * from client_channels where channel_account_id = :id")
                .param("id", id.value())
                .query(this::map)
                .optional()
                .flatMap(this::withAccount);
    }

    private Optional<ClientChannel> withAccount(Row row) {
        try {
            ChannelAccount account = accounts.get(row.id());
            return Optional.of(new ClientChannel(
                    account,
                    row.keyHint(),
                    open(row.publishableKey(), "publishable_key", row.id()),
                    open(row.identitySecret(), "identity_secret", row.id()),
                    open(row.signingSecret(), "signing_secret", row.id()),
                    open(row.tokenSecret(), "token_secret", row.id()),
                    row.callbackUrl(),
                    row.allowedOrigins(),
                    row.acceptGuests(),
                    row.widget()));
        } catch (io.parley.platform.NotFoundException e) {
            return Optional.empty(); // removed while we looked
        }
    }

    private record Row(
            ChannelAccountId id,
            String keyHint,
            byte[] publishableKey,
            byte[] identitySecret,
            byte[] signingSecret,
            byte[] tokenSecret,
            String callbackUrl,
            List<String> allowedOrigins,
            boolean acceptGuests,
            Map<String, Object> widget) {}

    private Row map(ResultSet rs, int row) throws SQLException {
        java.sql.Array origins = rs.getArray("allowed_origins");
        String widget = rs.getString("widget");
        return new Row(
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                rs.getString("key_hint"),
                rs.getBytes("publishable_key"),
                rs.getBytes("identity_secret"),
                rs.getBytes("signing_secret"),
                rs.getBytes("token_secret"),
                rs.getString("callback_url"),
                origins == null ? List.of() : Arrays.asList((String[]) origins.getArray()),
                rs.getBoolean("accept_guests"),
                widget == null ? Map.of() : json.readValue(widget, MAP));
    }

    /** Publishable keys ({@code pk_}) are no secret (every page embedding the widget shows one): kept to be listed. */
    private byte[] publishable(String key, ChannelAccountId id) {
        return key.startsWith("pk_") ? seal(key, "publishable_key", id) : null;
    }

    private byte[] seal(String value, String column, ChannelAccountId id) {
        return value == null ? null : secrets.seal(value, context(column, id));
    }

    private Secret open(byte[] sealed, String column, ChannelAccountId id) {
        return sealed == null ? null : Secret.of(secrets.open(sealed, context(column, id)));
    }

    private static String context(String column, ChannelAccountId id) {
        return "client_channels." + column + ":" + id;
    }
}
