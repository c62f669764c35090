package io.parley.media;

/** How one fetch of a {@link MediaSource} ended. */
public sealed interface MediaFetch permits MediaFetch.Fetched, MediaFetch.RetryLater, MediaFetch.Failed {

    /** The bytes were written to the sink; {@code sha256} is what the provider's metadata declared, or null. */
    record Fetched(String mimeType, String sha256) implements MediaFetch {}

    /** Worth trying again later: a 5xx, a timeout, throttling, an expired download URL. */
    record RetryLater(String code, String detail) implements MediaFetch {}

    /** Trying again cannot help: {@code media_expired}, {@code too_large}, {@code unauthorized}, ... */
    record Failed(String code, String detail) implements MediaFetch {}
}
