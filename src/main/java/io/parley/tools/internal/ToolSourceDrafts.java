package io.parley.tools.internal;

import io.parley.platform.InvalidRequestException;
import io.parley.tools.ToolSourceDraft;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a registration and fills in defaults; every problem is a 400 naming the field. */
public final class ToolSourceDrafts {
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Headers the HTTP client sets itself (and refuses to take from us). */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private ToolSourceDrafts() {}

    /** The draft with its transport decided, or a 400. */
    public static ToolSourceDraft check(ToolSourceDraft draft, boolean stdioEnabled) {
        if (draft.type() == null || !Set.of("http", "mcp").contains(draft.type())) {
            throw invalid("type", "type must be \"http\" or \"mcp\"");
        }
        if (draft.name() == null
                || draft.name().isBlank()
                || draft.name().strip().length() > 100) {
            throw invalid("name", "name is required (at most 100 characters)");
        }
        String transport = draft.transport() != null ? draft.transport() : draft.stdio() ? "stdio" : "http";
        if (!Set.of("http", "stdio").contains(transport)
                || ("http".equals(draft.type()) && !"http".equals(transport))) {
            throw invalid(
                    "transport",
                    "http".equals(draft.type())
                            ? "transport is only for MCP sources"
                            : "transport must be \"http\" or \"stdio\"");
        }
        if ("stdio".equals(transport)) {
            checkStdio(draft, stdioEnabled);
        } else {
            checkUrl(draft);
        }
        if (!"stdio".equals(transport) && !draft.env().isEmpty()) {
            throw invalid("env", "env is only for MCP sources with transport \"stdio\"");
        }
        checkHeaders(draft.headers());
        return new ToolSourceDraft(
                draft.type(),
                draft.name().strip(),
                transport,
                draft.url(),
                draft.command(),
                draft.headers(),
                draft.env());
    }

    private static void checkStdio(ToolSourceDraft draft, boolean stdioEnabled) {
        if (!stdioEnabled) {
            throw new InvalidRequestException(
                    "mcp_stdio_disabled",
                    "MCP sources with transport \"stdio\" start a "
                            + "command on the server and are disabled; the operator can enable them with "
                            + "PARLEY_TOOLS_MCPSTDIOENABLED=true",
                    Map.of("field", "transport"));
        }
        if (draft.command().isEmpty() || draft.command().stream().anyMatch(c -> c == null || c.isBlank())) {
            throw invalid(
                    "command",
                    "command must be a non-empty list of non-blank strings, e.g. [\"npx\", \"-y\", "
                            + "\"@modelcontextprotocol/server-everything\"]");
        }
        if (draft.url() != null || !draft.headers().isEmpty()) {
            throw invalid("url", "url and headers are not used by stdio sources (they take a command)");
        }
        StdioEnvironment.check(draft.env());
    }

    private static void checkUrl(ToolSourceDraft draft) {
        URI uri;
        try {
            uri = draft.url() == null ? null : new URI(draft.url());
        } catch (Exception e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || uri.getScheme() == null
                || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())) {
            throw invalid("url", "url must be an absolute http(s) URL, e.g. https://tools.example.com");
        }
        if (!draft.command().isEmpty()) {
            throw invalid("command", "command is only for MCP sources with transport \"stdio\"");
        }
    }

    private static void checkHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || RESTRICTED.contains(name.toLowerCase())) {
                throw invalid("headers", "headers may not include '" + name + "' (not a usable header name)");
            }
            if (value == null || value.contains("\r") || value.contains("\n")) {
                throw invalid("headers", "headers need a single-line string value for '" + name + "'");
            }
        });
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed", message, Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
