package io.parley.platform.secrets;

import java.nio.file.Path;

/** The master key is missing or cannot be used; {@link MasterKeyFailureAnalyzer} turns it into the fix. */
final class MasterKeyException extends IllegalStateException {
    enum Problem {
        MISSING,
        UNUSABLE,
        KEYSET_UNREADABLE
    }

    private final Problem problem;
    private final String reason;
    private final Path keysetFile;

    private MasterKeyException(Problem problem, String message, String reason, Path keysetFile, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.reason = reason;
        this.keysetFile = keysetFile;
    }

    static MasterKeyException missing() {
        return new MasterKeyException(
                Problem.MISSING,
                "PARLEY_MASTER_KEY is required when PARLEY_DB_URL is set: "
                        + "every node must decrypt the same credentials. Generate one with: openssl rand -base64 32",
                null,
                null,
                null);
    }

    static MasterKeyException unusable(Exception cause) {
        return new MasterKeyException(
                Problem.UNUSABLE,
                "Could not load the master key: " + cause.getMessage(),
                cause.getMessage(),
                null,
                cause);
    }

    static MasterKeyException keysetUnreadable(Path file, Exception cause) {
        return new MasterKeyException(
                Problem.KEYSET_UNREADABLE,
                "Could not load the master key: " + cause.getMessage(),
                cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                file,
                cause);
    }

    Problem problem() {
        return problem;
    }

    String reason() {
        return reason;
    }

    Path keysetFile() {
        return keysetFile;
    }
}
