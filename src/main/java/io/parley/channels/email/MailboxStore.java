package io.parley.channels.email;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.NotFoundException;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code email_channels} rows: a mailbox's settings (passwords sealed per row and column) and read position. */
@Repository
class MailboxStore {
    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final ChannelAccounts accounts;

    MailboxStore(JdbcClient jdbc, SecretBox secrets, ChannelAccounts accounts) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.accounts = accounts;
    }

    void insert(ChannelAccount account, String address, MailServer smtp, MailServer imap) {
        ChannelAccountId id = account.id();
        jdbc.sql("""
                        insert into email_channels (channel_account_id, organization_id, address,
                            smtp_host, smtp_port, smtp_username, smtp_password, smtp_tls,
                            imap_host, imap_port, imap_username, imap_password, imap_tls)
                        values (:id, :org, :address, :smtpHost, :smtpPort, :smtpUser, :smtpPassword, :smtpTls,
                            :imapHost, :imapPort, :imapUser, :imapPassword, :imapTls)""")
                .param("id", id.value())
                .param("org", account.organizationId().value())
                .param("address", address)
                .param("smtpHost", smtp.host())
                .param("smtpPort", smtp.port())
                .param("smtpUser", smtp.username())
                .param("smtpPassword", seal(smtp.password(), "smtp_password", id))
                .param("smtpTls", smtp.tls().wireName())
                .param("imapHost", imap.host())
                .param("imapPort", imap.port())
                .param("imapUser", imap.username())
                .param("imapPassword", seal(imap.password(), "imap_password", id))
                .param("imapTls", imap.tls().wireName())
                .update();
    }

    /** Replaces the settings; a new IMAP server or user starts reading over (its UIDs are another mailbox's). */
    void update(ChannelAccountId id, String address, MailServer smtp, MailServer imap, boolean newImapMailbox) {
        jdbc.sql("""
                        update email_channels set address = :address,
                            smtp_host = :smtpHost, smtp_port = :smtpPort, smtp_username = :smtpUser,
                            smtp_password = :smtpPassword, smtp_tls = :smtpTls,
                            imap_host = :imapHost, imap_port = :imapPort, imap_username = :imapUser,
                            imap_password = :imapPassword, imap_tls = :imapTls,
                            uid_validity = case when :reset then null else uid_validity end,
                            last_uid = case when :reset then 0 else last_uid end,
                            version = version + 1, updated_at = now()
                        where channel_account_id = :id""")
                .param("id", id.value())
                .param("address", address)
                .param("smtpHost", smtp.host())
                .param("smtpPort", smtp.port())
                .param("smtpUser", smtp.username())
                .param("smtpPassword", seal(smtp.password(), "smtp_password", id))
                .param("smtpTls", smtp.tls().wireName())
                .param("imapHost", imap.host())
                .param("imapPort", imap.port())
                .param("imapUser", imap.username())
                .param("imapPassword", seal(imap.password(), "imap_password", id))
                .param("imapTls", imap.tls().wireName())
                .param("reset", newImapMailbox)
                .update();
    }

    Optional<Mailbox> find(ChannelAccountId id) {
        Optional<Row> row = jdbc.sql("select * from email_channels where channel_account_id = :id")
                .param("id", id.value())
                .query(MailboxStore::map)
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mailbox(accounts.get(id), row.get()));
        } catch (NotFoundException e) {
            return Optional.empty(); // removed while we looked
        }
    }

    /** The settings version, to tell whether a cached sender is stale; empty when the mailbox is gone. */
    Optional<Integer> version(ChannelAccountId id) {
        return jdbc.sql("select version from email_channels where channel_account_id = :id")
                .param("id", id.value())
                .query(Integer.class)
                .optional();
    }

    /** Where reading stopped, after a successful pass (only while the settings are those that were read). */
    void readTo(ChannelAccountId id, int version, long uidValidity, long lastUid, Instant at) {
        jdbc.sql("""
                        update email_channels set uid_validity = :validity, last_uid = :uid, last_poll_at = :at,
                            last_poll_error = null
                        where channel_account_id = :id and version = :version""")
                .param("id", id.value())
                .param("version", version)
                .param("validity", uidValidity)
                .param("uid", lastUid)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** A pass that failed, with a code (never a server's text: it may echo an address or a password hint). */
    void readFailed(ChannelAccountId id, String code, Instant at) {
        jdbc.sql("""
                        update email_channels set last_poll_at = :at, last_poll_error = :code
                        where channel_account_id = :id""")
                .param("id", id.value())
                .param("code", code)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** The last pass's error code, or null. */
    Optional<String> lastError(ChannelAccountId id) {
        return jdbc.sql("select last_poll_error from email_channels where channel_account_id = :id")
                .param("id", id.value())
                .query(String.class)
                .optional();
    }

    private Mailbox mailbox(ChannelAccount account, Row row) {
        ChannelAccountId id = account.id();
        return new Mailbox(
                account,
                row.address(),
                new MailServer(
                        row.smtpHost(),
                        row.smtpPort(),
                        row.smtpUser(),
                        open(row.smtpPassword(), "smtp_password", id),
                        MailServer.Tls.fromWire(row.smtpTls()).orElseThrow()),
                new MailServer(
                        row.imapHost(),
                        row.imapPort(),
                        row.imapUser(),
                        open(row.imapPassword(), "imap_password", id),
                        MailServer.Tls.fromWire(row.imapTls()).orElseThrow()),
                row.uidValidity(),
                row.lastUid(),
                row.version());
    }

    private record Row(
            UUID id,
            String address,
            String smtpHost,
            int smtpPort,
            String smtpUser,
            byte[] smtpPassword,
            String smtpTls,
            String imapHost,
            int imapPort,
            String imapUser,
            byte[] imapPassword,
            String imapTls,
            Long uidValidity,
            long lastUid,
            int version) {}

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(
                rs.getObject("channel_account_id", UUID.class),
                rs.getString("address"),
                rs.getString("smtp_host"),
                rs.getInt("smtp_port"),
                rs.getString("smtp_username"),
                rs.getBytes("smtp_password"),
                rs.getString("smtp_tls"),
                rs.getString("imap_host"),
                rs.getInt("imap_port"),
                rs.getString("imap_username"),
                rs.getBytes("imap_password"),
                rs.getString("imap_tls"),
                rs.getObject("uid_validity", Long.class),
                rs.getLong("last_uid"),
                rs.getInt("version"));
    }

    private byte[] seal(Secret value, String column, ChannelAccountId id) {
        return secrets.seal(value.reveal(), context(column, id));
    }

    private Secret open(byte[] sealed, String column, ChannelAccountId id) {
        return Secret.of(secrets.open(sealed, context(column, id)));
    }

    private static String context(String column, ChannelAccountId id) {
        return "email_channels." + column + ":" + id;
    }
}
