package io.parley.knowledge;

/**
 * An organization's knowledge quota: what is used against each limit (from its plan and overrides). A null
 * {@code max} is unlimited.
 */
public record KnowledgeQuota(Usage documents, Usage urls, Usage ingestionsToday, Usage storageBytes) {
    public record Usage(long used, Long max) {}
}
