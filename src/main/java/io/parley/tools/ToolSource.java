package io.parley.tools;

import io.parley.llm.ToolSpec;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A registered place tools come from.
 *
 * @param type      {@code http} (seed convention: GET {url}/tools, POST {url}/tools/{name}) or {@code mcp}
 * @param transport for MCP: {@code http} (streamable HTTP) or {@code stdio}
 * @param command   for MCP stdio: the command line to start the server
 * @param headers   decrypted HTTP headers to send (e.g. Authorization); empty when none
 * @param env       for MCP stdio: decrypted variables the process starts with besides PATH, HOME and LANG
 * @param tools     the tools discovered at registration or last refresh
 * @param refreshedAt when {@code tools} were discovered; null before the source is stored
 */
public record ToolSource(
        UUID id,
        OrganizationId organizationId,
        String type,
        String name,
        String transport,
        String url,
        List<String> command,
        Map<String, String> headers,
        Map<String, String> env,
        List<ToolSpec> tools,
        Instant refreshedAt) {
    public ToolSource {
        command = command == null ? List.of() : List.copyOf(command);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        env = env == null ? Map.of() : Map.copyOf(env);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** Starts a process on this server: only the operator registers, refreshes or deletes such a source. */
    public boolean stdio() {
        return "stdio".equals(transport);
    }

    @Override
    public String toString() {
        return "ToolSource[" + type + ":" + name + " " + (url != null ? url : command) + "]";
    }
}
