package io.parley.access.internal;

import io.parley.access.AdminTokenMissingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start on an external database without an operator token: what is wrong and how to set one (docs/operations.md). */
class AdminTokenFailureAnalyzer extends AbstractFailureAnalyzer<AdminTokenMissingException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AdminTokenMissingException cause) {
        return new FailureAnalysis(
                "PARLEY_ADMIN_TOKEN is not set. With an external database (PARLEY_DB_URL) Parley does not generate the "
                        + "operator's token: every node must accept the same one.",
                "Generate a token once and give every node the same value, e.g. export PARLEY_ADMIN_TOKEN=\"$(openssl "
                        + "rand -base64 32)\". It is the operator's bearer token for /api/v1; keep it in a secret manager.",
                cause);
    }
}
