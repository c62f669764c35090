package io.parley.knowledge.internal.crawl;

import io.parley.knowledge.CrawlRequest;
import io.parley.knowledge.KnowledgeCrawl;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** knowledge_crawls. */
@Repository
public class CrawlRepository {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CrawlRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Stored(UUID id, OrganizationId organizationId, ChatbotId chatbotId, CrawlRequest request, String status) {}

    public void insert(UUID id, OrganizationId organizationId, ChatbotId chatbotId, CrawlRequest request, Instant now) {
        jdbc.sql("""
                        insert into knowledge_crawls (id, organization_id, chatbot_id, base_url, max_depth, max_pages,
                            include_patterns, exclude_patterns, status, created_at)
                        values (:id, :org, :bot, :base, :depth, :pages, cast(:include as jsonb),
                            cast(:exclude as jsonb), 'pending', :now)""")
                .param("id", id)
                .param("org", organizationId.value())
                .param("bot", chatbotId.value())
                .param("base", request.baseUrl())
                .param("depth", request.maxDepth())
                .param("pages", request.maxPages())
                .param("include", json.writeValueAsString(request.include()))
                .param("exclude", json.writeValueAsString(request.exclude()))
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql("""
                        select organization_id, chatbot_id, base_url, max_depth, max_pages, include_patterns,
                               exclude_patterns, status from knowledge_crawls where id = :id""")
                .param("id", id)
                .query((rs, n) -> new Stored(
                        id,
                        new OrganizationId(rs.getObject(1, UUID.class)),
                        new ChatbotId(rs.getObject(2, UUID.class)),
                        new CrawlRequest(
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getInt(5),
                                json.readValue(rs.getString(6), STRINGS),
                                json.readValue(rs.getString(7), STRINGS)),
                        rs.getString(8)))
                .optional();
    }

    public Optional<KnowledgeCrawl> view(OrganizationId organizationId, ChatbotId chatbotId, UUID id) {
        return jdbc.sql("""
                        select id, base_url, status, pages_found, error, created_at, finished_at from knowledge_crawls
                        where id = :id and chatbot_id = :bot and organization_id = :org""")
                .param("id", id)
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .query((rs, n) -> new KnowledgeCrawl(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .optional();
    }

    void status(UUID id, String status, int pagesFound, String error, Instant finishedAt) {
        jdbc.sql("""
                        update knowledge_crawls set status = :status, pages_found = :pages, error = :error,
                            finished_at = :finished where id = :id""")
                .param("status", status)
                .param("pages", pagesFound)
                .param("error", error)
                .param("finished", finishedAt == null ? null : Timestamp.from(finishedAt))
                .param("id", id)
                .update();
    }
}
