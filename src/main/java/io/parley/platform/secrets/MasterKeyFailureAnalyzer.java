package io.parley.platform.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start that fails on the master key: what is wrong and the command that fixes it (docs/operations.md). */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyException> {
    private static final String GENERATE = "openssl rand -base64 32";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyException cause) {
        return switch (cause.problem()) {
            case MISSING ->
                new FailureAnalysis(
                        "PARLEY_MASTER_KEY is not set. With an external database (PARLEY_DB_URL) Parley does not generate "
                                + "a key: every node must decrypt the same stored credentials with the same key.",
                        "Generate a key once and give every node the same value, e.g. export PARLEY_MASTER_KEY=\"$("
                                + GENERATE + ")\". Store it safely (a secret manager), apart from the database "
                                + "backups: stored credentials cannot be read without it.",
                        cause);
            case UNUSABLE ->
                new FailureAnalysis(
                        "PARLEY_MASTER_KEY is set but is not a usable key: " + cause.reason() + ".",
                        "Set PARLEY_MASTER_KEY to a base64-encoded 32-byte key (" + GENERATE + ") or a Tink JSON "
                                + "keyset. If credentials were already stored, use the key they were stored with: "
                                + "a new key cannot read them.",
                        cause);
            case KEYSET_UNREADABLE ->
                new FailureAnalysis(
                        "The master keyset generated for the embedded database, " + cause.keysetFile() + ", cannot be "
                                + "read (" + cause.reason() + ").",
                        "Check that the file is readable by the user running Parley and restore it from a backup if it "
                                + "is damaged. Delete it only if the data directory holds no credentials yet: Parley then "
                                + "generates a new one, and credentials stored with the old one cannot be read.",
                        cause);
        };
    }
}
