/**
 * Knowledge base: sources (files, text, URLs, crawls) ingested into chunks with embeddings in PostgreSQL, searched
 * per chatbot through a Lucene index (BM25 + vectors) derived from those rows, and used in conversations.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "llm",
            "platform",
            "platform :: cache",
            "platform :: egress",
            "platform :: web",
            "tenancy",
            "tools",
            "usage"
        })
package io.parley.knowledge;

import org.springframework.modulith.ApplicationModule;
