package io.parley.knowledge.internal;

import io.parley.knowledge.CrawlRequest;
import io.parley.knowledge.KnowledgeCrawl;
import io.parley.knowledge.KnowledgeQuota;
import io.parley.knowledge.KnowledgeSettings;
import io.parley.knowledge.KnowledgeSettingsUpdate;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.SourcePage;
import io.parley.knowledge.internal.crawl.CrawlRepository;
import io.parley.knowledge.internal.embed.SettingsUpdater;
import io.parley.knowledge.internal.index.IngestionJob;
import io.parley.knowledge.internal.quota.QuotaLedger;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.OrganizationId;
import io.parley.platform.egress.EgressPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The transactional work behind the {@code KnowledgeSources} facade (which resolves chatbot and organization). */
@Component
public class KnowledgeAdmin {
    private final SourceRepository sources;
    private final CrawlRepository crawls;
    private final QuotaLedger quota;
    private final SettingsRepository settings;
    private final SettingsUpdater settingsUpdater;
    private final EgressPolicy egress;
    private final Jobs jobs;
    private final Clock clock;

    KnowledgeAdmin(
            SourceRepository sources,
            CrawlRepository crawls,
            QuotaLedger quota,
            SettingsRepository settings,
            SettingsUpdater settingsUpdater,
            EgressPolicy egress,
            Jobs jobs,
            Clock clock) {
        this.sources = sources;
        this.crawls = crawls;
        this.quota = quota;
        this.settings = settings;
        this.settingsUpdater = settingsUpdater;
        this.egress = egress;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * An absolute http(s) URL the server may fetch, or a 400 naming {@code field}: {@code validation_failed} for a
     * malformed URL or a host that does not resolve, {@code egress_refused} for one the egress policy refuses.
     */
    public URI validUrl(String url, String field) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("validation_failed", field + " is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("validation_failed", field + " is not a usable URL: malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidRequestException(
                    "validation_failed",
                    field + " is not a usable URL: only http and " + "https URLs with a host can be added");
        }
        if (egress.check(field, uri.toString()) instanceof EgressPolicy.Unresolved) {
            throw new InvalidRequestException(
                    "validation_failed",
                    field + " is not a usable URL: the host '" + uri.getHost() + "' does not resolve");
        }
        return uri;
    }

    public void insertCrawl(UUID id, OrganizationId organizationId, ChatbotId chatbotId, CrawlRequest request) {
        crawls.insert(id, organizationId, chatbotId, request, clock.instant());
    }

    public Optional<KnowledgeCrawl> crawl(OrganizationId organizationId, ChatbotId chatbotId, UUID id) {
        return crawls.view(organizationId, chatbotId, id);
    }

    public SourcePage list(
            OrganizationId organizationId, ChatbotId chatbotId, String status, String type, int page, int size) {
        return new SourcePage(
                sources.list(organizationId, chatbotId, status, type, page, size),
                page,
                size,
                sources.count(organizationId, chatbotId, status, type));
    }

    /** Deletes the source with its chunks and content, gives back its quota and moves the knowledge version. */
    @Transactional
    public boolean delete(OrganizationId organizationId, ChatbotId chatbotId, UUID id) {
        Optional<KnowledgeSource> source = sources.findForUpdate(organizationId, chatbotId, id);
        if (source.isEmpty()) {
            return false;
        }
        quota.release(
                organizationId, "url".equals(source.get().type()), source.get().sizeBytes());
        sources.delete(id);
        settings.bumpVersion(organizationId, chatbotId);
        return true;
    }

    @Transactional
    public boolean reindex(OrganizationId organizationId, ChatbotId chatbotId, UUID id) {
        if (sources.findForUpdate(organizationId, chatbotId, id).isEmpty()) {
            return false;
        }
        requeue(id);
        return true;
    }

    @Transactional
    public int reindexAll(OrganizationId organizationId, ChatbotId chatbotId) {
        int count = 0;
        for (UUID id : sources.ids(organizationId, chatbotId)) {
            requeue(id);
            count++;
        }
        return count;
    }

    /** A job already scheduled or running for the source picks the new pending state up when it finishes. */
    private void requeue(UUID id) {
        sources.requeue(id, clock.instant());
        jobs.scheduleIfAbsent(IngestionJob.TASK, id.toString(), clock.instant());
    }

    public KnowledgeQuota quota(OrganizationId organizationId) {
        return quota.usage(organizationId);
    }

    public KnowledgeSettings settings(ChatbotId chatbotId) {
        return SettingsUpdater.view(settings.find(chatbotId));
    }

    @Transactional
    public KnowledgeSettings updateSettings(
            OrganizationId organizationId, ChatbotId chatbotId, KnowledgeSettingsUpdate update) {
        if (settingsUpdater.update(organizationId, chatbotId, update)) {
            reindexAll(organizationId, chatbotId);
        }
        return settings(chatbotId);
    }
}
