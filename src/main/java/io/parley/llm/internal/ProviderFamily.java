package io.parley.llm.internal;

import io.parley.llm.ModelException.Kind;
import java.util.regex.Pattern;

/**
 * How each provider family says what went wrong. The common rules (429 rate limit, 401/403 credentials, other 4xx
 * the request, 5xx the server) hold everywhere; each family adds the quirks its API documents:
 * <ul>
 *   <li>OpenAI sends 429 both for "slow down" and for "no credit left" ({@code insufficient_quota}).</li>
 *   <li>Anthropic answers 529 when overloaded and 400 when the credit balance is too low.</li>
 *   <li>Gemini answers 400 {@code API_KEY_INVALID} for a wrong key, and 429 {@code RESOURCE_EXHAUSTED} for limits.</li>
 *   <li>Ollama answers 404 for a model that was never pulled and 503 when its queue is full.</li>
 * </ul>
 */
enum ProviderFamily {
    OPENAI("openai") {
        @Override
        Kind specific(int status, String body) {
            return status == 429 && OPENAI_QUOTA.matcher(body).find() ? Kind.QUOTA_EXHAUSTED : null;
        }
    },
    ANTHROPIC("anthropic") {
        @Override
        Kind specific(int status, String body) {
            if (status == 529) {
                return Kind.UNAVAILABLE;
            }
            return status == 400 && ANTHROPIC_CREDIT.matcher(body).find() ? Kind.QUOTA_EXHAUSTED : null;
        }
    },
    GEMINI("gemini") {
        @Override
        Kind specific(int status, String body) {
            if (status == 400 && GEMINI_BAD_KEY.matcher(body).find()) {
                return Kind.AUTHENTICATION;
            }
            return status == 504 ? Kind.TIMEOUT : null;
        }
    },
    OLLAMA("ollama") {
        @Override
        Kind specific(int status, String body) {
            return null;
        }
    };

    private static final Pattern OPENAI_QUOTA = Pattern.compile("\"(?:code|type)\"\\s*:\\s*\"insufficient_quota\"");
    private static final Pattern ANTHROPIC_CREDIT =
            Pattern.compile("credit balance is too low", Pattern.CASE_INSENSITIVE);
    private static final Pattern GEMINI_BAD_KEY =
            Pattern.compile("API_KEY_INVALID|API key not valid", Pattern.CASE_INSENSITIVE);

    private final String provider;

    ProviderFamily(String provider) {
        this.provider = provider;
    }

    String provider() {
        return provider;
    }

    /** The family's own reading of a status, or null when the common rules apply. */
    abstract Kind specific(int status, String body);

    Kind kindForStatus(int status, String body) {
        Kind specific = specific(status, body == null ? "" : body);
        if (specific != null) {
            return specific;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status == 408) {
            return Kind.TIMEOUT;
        }
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        if (status >= 400 && status < 500) {
            return Kind.INVALID_REQUEST;
        }
        // 5xx, and anything else a well-behaved server would not send as an error: try again later.
        return Kind.UNAVAILABLE;
    }
}
