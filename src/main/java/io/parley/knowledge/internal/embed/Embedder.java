package io.parley.knowledge.internal.embed;

import java.util.List;

/**
 * Turns chunk texts and queries into vectors with one embedding model. Implementations are thread-safe. Failures
 * that may pass (a remote model's 429/5xx/timeout) are thrown as {@link io.parley.platform.TransientException}; a
 * misconfiguration as {@link IllegalStateException} with a message an operator can act on.
 */
public interface Embedder {
    /** Identifies the model, e.g. {@code local:all-minilm-l6-v2}; recorded on every source it embedded. */
    String modelId();

    int dimension();

    /** One unit-length vector per text, in order. */
    List<float[]> embed(List<String> texts);

    /**
     * One embedding call's vectors and the input tokens the provider billed for it.
     *
     * @param tokens null when the provider did not report them
     */
    record Batch(List<float[]> vectors, Integer tokens) {}

    /** {@link #embed} with the provider's token count, for the usage ledger. */
    default Batch embedBatch(List<String> texts) {
        return new Batch(embed(texts), null);
    }

    /** Whether calls cost the organization money and are recorded in the usage ledger (remote models). */
    default boolean metered() {
        return false;
    }
}
