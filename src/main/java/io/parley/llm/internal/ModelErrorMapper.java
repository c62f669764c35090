package io.parley.llm.internal;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.platform.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where failures of model servers (as LangChain4j reports them) become {@link ModelException}s.
 * LangChain4j wraps the HTTP status in an {@link HttpException} somewhere in the cause chain (its own typed
 * exceptions such as RateLimitException carry it as cause), so the status decides first, read by the provider
 * family's {@link ProviderFamily#kindForStatus rules}; the exception types only matter when no response arrived.
 */
final class ModelErrorMapper {
    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX_DETAIL_LENGTH = 200;
    private static final String REDACTED = "****";

    private final ProviderFamily family;

    ModelErrorMapper(ProviderFamily family) {
        this.family = family;
    }

    ModelException map(Throwable failure, Secret apiKey) {
        Optional<HttpException> http = findInChain(failure, HttpException.class);
        if (http.isPresent()) {
            int status = http.get().statusCode();
            String body = http.get().getMessage() == null ? "" : http.get().getMessage();
            String message = "Model server answered HTTP " + status + ": " + providerDetail(body);
            return new ModelException(
                    family.kindForStatus(status, body),
                    family.provider(),
                    status,
                    redact(message, apiKey),
                    safeCause(failure, apiKey));
        }
        Kind kind = kindWithoutResponse(failure);
        Throwable root = rootCause(failure);
        String message =
                "Model call failed without an HTTP response (" + root.getClass().getSimpleName()
                        + (root.getMessage() == null ? "" : ": " + truncate(root.getMessage())) + ")";
        return new ModelException(kind, family.provider(), null, redact(message, apiKey), safeCause(failure, apiKey));
    }

    private static Kind kindWithoutResponse(Throwable failure) {
        if (anyInChain(failure, ModelErrorMapper::isTimeout)) {
            return Kind.TIMEOUT;
        }
        // Unresolvable hosts count as unavailable too: a DNS blip looks the same, and retries end in a dead letter.
        if (anyInChain(
                failure,
                t -> t instanceof IOException
                        || t instanceof UnresolvedAddressException
                        || t instanceof UnresolvedModelServerException)) {
            return Kind.UNAVAILABLE;
        }
        if (anyInChain(failure, t -> t instanceof RateLimitException)) {
            return Kind.RATE_LIMITED;
        }
        if (anyInChain(failure, t -> t instanceof AuthenticationException)) {
            return Kind.AUTHENTICATION;
        }
        // LangChain4j validates requests with IllegalArgumentException (e.g. no messages, blank text).
        if (anyInChain(failure, t -> t instanceof NonRetriableException || t instanceof IllegalArgumentException)) {
            return Kind.INVALID_REQUEST;
        }
        // Unparseable responses and anything unknown: the server misbehaved, which is usually transient.
        return Kind.UNAVAILABLE;
    }

    // HttpTimeoutException and SocketTimeoutException are InterruptedIOExceptions.
    private static boolean isTimeout(Throwable t) {
        return t instanceof dev.langchain4j.exception.TimeoutException
                || t instanceof TimeoutException
                || t instanceof InterruptedIOException;
    }

    private static String providerDetail(String body) {
        Matcher matcher = ERROR_MESSAGE.matcher(body);
        return truncate(matcher.find() ? matcher.group(1) : body);
    }

    /** The key must not reach logs through the cause either, e.g. when a server echoes it in an error body. */
    private static Throwable safeCause(Throwable failure, Secret apiKey) {
        return anyInChain(failure, t -> contains(t.getMessage(), apiKey)) ? null : failure;
    }

    private static String redact(String text, Secret apiKey) {
        return contains(text, apiKey) ? text.replace(apiKey.reveal(), REDACTED) : text;
    }

    private static boolean contains(String text, Secret apiKey) {
        return text != null && apiKey != null && !apiKey.reveal().isEmpty() && text.contains(apiKey.reveal());
    }

    private static String truncate(String text) {
        String singleLine = text.replaceAll("\\s+", " ").strip();
        return singleLine.length() <= MAX_DETAIL_LENGTH ? singleLine : singleLine.substring(0, MAX_DETAIL_LENGTH) + "…";
    }

    private static <T extends Throwable> Optional<T> findInChain(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static boolean anyInChain(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
