package io.parley.knowledge;

import java.time.Instant;
import java.util.UUID;

/** A crawl request and its progress: pending, crawling, done or failed (with a reason). */
public record KnowledgeCrawl(
        UUID id, String baseUrl, String status, int pagesFound, String error, Instant createdAt, Instant finishedAt) {}
