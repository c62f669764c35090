package io.parley.knowledge.internal.crawl;

import io.parley.knowledge.internal.SourceRepository;
import io.parley.knowledge.internal.extract.MediaTypes;
import io.parley.knowledge.internal.index.SourceClaims;
import io.parley.knowledge.internal.quota.QuotaLedger;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches a URL source's page once and keeps its bytes (with their size counted against storage), so retries and
 * reindexing read the same page.
 */
@Component
public class PageStore {
    private final UrlFetcher fetcher;
    private final SourceRepository sources;
    private final QuotaLedger quota;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PageStore(
            UrlFetcher fetcher,
            SourceRepository sources,
            QuotaLedger quota,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.fetcher = fetcher;
        this.sources = sources;
        this.quota = quota;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record Content(byte[] bytes, String mediaType) {}

    public Content fetchAndStore(SourceClaims.Claimed source, URI url) {
        UrlFetcher.Fetched page = fetcher.fetch(url);
        if (page.status() >= 400) {
            throw new IllegalArgumentException("The page answered HTTP " + page.status());
        }
        String mediaType = MediaTypes.ofDeclared(page.contentType())
                .orElseThrow(() -> new IllegalArgumentException(
                        "The page's content type " + shown(page.contentType()) + " is not supported"));
        transactions.executeWithoutResult(tx -> {
            quota.addStorage(source.organizationId(), page.body().length);
            sources.storeContent(source.id(), source.organizationId(), page.body());
            jdbc.sql("""
                            update knowledge_sources set media_type = :type, size_bytes = :size, updated_at = :now
                            where id = :id""")
                    .param("type", mediaType)
                    .param("size", (long) page.body().length)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", source.id())
                    .update();
        });
        return new Content(page.body(), mediaType);
    }

    /** The declared type when it looks like one; anything else the server sent stays out of the source's error. */
    private static String shown(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        return type.matches("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}")
                ? "'" + type + "'"
                : "(not a media type)";
    }

    public void rename(UUID sourceId, String title) {
        jdbc.sql("update knowledge_sources set name = :name where id = :id")
                .param("name", title.length() > 200 ? title.substring(0, 200) : title)
                .param("id", sourceId)
                .update();
    }
}
