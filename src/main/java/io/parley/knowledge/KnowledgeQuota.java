package io.parley.knowledge;

/** An organization's knowledge quota: what is used against each limit. */
public record KnowledgeQuota(Usage documents, Usage urls, Usage ingestionsToday, Usage storageBytes) {
    public record Usage(long used, long max) {
    }
}
