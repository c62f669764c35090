package io.parley.knowledge.internal.embed;

import io.parley.knowledge.internal.index.SourceClaims;
import io.parley.usage.UsageLedger;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Records each remote embedding call of an ingestion in the usage ledger, right after the call (the provider bills
 * it even if the ingestion fails later). The key is source + ingestion run + batch index: a run that resumes after a
 * crash or a transient failure re-embeds the same batches under the same keys and records nothing twice, while a
 * reindex starts a new run. The local embedder is free and not recorded. A provider that reports no token count
 * (Ollama, Gemini's single-text endpoint) is estimated at one token per four characters.
 */
@Component
public class EmbeddingMetering {
    private final UsageLedger usage;

    EmbeddingMetering(UsageLedger usage) {
        this.usage = usage;
    }

    public void record(
            SourceClaims.Claimed source, Embedder embedder, int batchIndex, List<String> texts, Embedder.Batch batch) {
        if (!embedder.metered()) {
            return;
        }
        String modelId = embedder.modelId();
        int colon = modelId.indexOf(':');
        String provider = colon < 0 ? modelId : modelId.substring(0, colon);
        String model = colon < 0 ? null : modelId.substring(colon + 1);
        int tokens = batch.tokens() != null ? batch.tokens() : estimate(texts);
        usage.recordEmbedding(
                source.organizationId(),
                source.chatbotId(),
                provider,
                model,
                tokens,
                source.id() + ":" + source.run() + ":" + batchIndex);
    }

    static int estimate(List<String> texts) {
        long chars =
                texts.stream().mapToLong(t -> t.codePointCount(0, t.length())).sum();
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4);
    }
}
