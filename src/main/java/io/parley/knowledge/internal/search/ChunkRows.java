package io.parley.knowledge.internal.search;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads what the index is derived from: a chatbot's knowledge version and the chunks of its synced sources. */
@Component
public class ChunkRows {
    private static final String VERSION = "select version from knowledge_settings where chatbot_id = ?";
    // Both tables filtered by organization: a chatbot id from another tenant yields nothing.
    private static final String CHUNKS = """
            select c.source_id, s.name, s.type, c.ordinal, c.text, c.location::text, c.embedding
              from knowledge_chunks c
              join knowledge_sources s on s.id = c.source_id
             where c.chatbot_id = ? and c.organization_id = ?
               and s.chatbot_id = c.chatbot_id and s.organization_id = c.organization_id and s.status = 'synced'
             order by c.source_id, c.ordinal""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    ChunkRows(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        // The version and the rows from one snapshot, so an index never claims a version it does not contain.
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** The chatbot's knowledge version; 0 when it has no settings row (never had knowledge). */
    public long version(ChatbotId chatbotId) {
        return jdbc.query(VERSION, rs -> rs.next() ? rs.getLong(1) : 0L, chatbotId.value());
    }

    /** Streams the chunks to {@code sink} and returns the version they belong to. */
    public long load(OrganizationId organizationId, ChatbotId chatbotId, Consumer<ChunkRow> sink) {
        Long version = snapshot.execute(status -> {
            long v = version(chatbotId);
            jdbc.query(
                    CHUNKS,
                    rs -> {
                        sink.accept(new ChunkRow(
                                rs.getObject(1, java.util.UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getBytes(7)));
                    },
                    chatbotId.value(),
                    organizationId.value());
            return v;
        });
        return version == null ? 0 : version;
    }
}
