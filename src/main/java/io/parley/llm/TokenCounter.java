package io.parley.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens the way a model will (ADR 32): OpenAI's own encodings through jtokkit for OpenAI models
 * ({@code o200k_base} for the gpt-4o, gpt-4.1, gpt-5 and o-series, {@code cl100k_base} for gpt-4 and gpt-3.5);
 * for every other model, whose tokenizer has no maintained Java port (Claude's is not published, Gemini's and
 * Llama's differ per version), an estimate: the cl100k_base count plus 10%, rounded up. Tokenizers of that
 * generation agree within about that margin for English and Spanish, and the estimate errs on the side of sending
 * less; characters/4 would undercount scripts such as Chinese several times over.
 */
public final class TokenCounter {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final List<String> O200K =
            List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4");
    private static final List<String> CL100K = List.of("gpt-4", "gpt-3.5");
    private static final String ESTIMATE = "estimate (cl100k_base + 10%)";

    private final Encoding encoding;
    private final boolean exact;

    private TokenCounter(EncodingType type, boolean exact) {
        this.encoding = REGISTRY.getEncoding(type);
        this.exact = exact;
    }

    /** The counter for a model; {@code provider} as in {@link ModelSpec#provider()}. */
    public static TokenCounter forModel(String provider, String model) {
        if ("openai".equals(provider) && model != null) {
            String name = model.strip().toLowerCase(Locale.ROOT);
            if (O200K.stream().anyMatch(name::startsWith)) {
                return new TokenCounter(EncodingType.O200K_BASE, true);
            }
            if (CL100K.stream().anyMatch(name::startsWith)) {
                return new TokenCounter(EncodingType.CL100K_BASE, true);
            }
        }
        return new TokenCounter(EncodingType.CL100K_BASE, false);
    }

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int tokens = encoding.countTokensOrdinary(text);
        return exact ? tokens : (int) Math.ceil(tokens * 1.1);
    }

    /** How this counter counts, for the turn's record: an encoding name or the estimate. */
    public String method() {
        return exact ? encoding.getName() : ESTIMATE;
    }

    public boolean exact() {
        return exact;
    }
}
