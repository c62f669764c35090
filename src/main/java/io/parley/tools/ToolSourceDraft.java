package io.parley.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator registers ({@code POST /api/v1/organizations/{id}/tools}); checked by {@link ToolSources}.
 *
 * @param transport MCP only: {@code http} (default when a url is given) or {@code stdio}
 * @param command   MCP stdio only: the program and its arguments
 * @param headers   sent with every request to the source (e.g. Authorization); stored encrypted, never returned
 * @param env       MCP stdio only: variables the process starts with besides PATH, HOME and LANG; stored encrypted,
 *                  only their names are returned
 */
public record ToolSourceDraft(
        String type,
        String name,
        String transport,
        String url,
        List<String> command,
        Map<String, String> headers,
        Map<String, String> env) {
    public ToolSourceDraft {
        // Copies that keep null entries: the checks report them as a 400 instead of failing here.
        command = command == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(command));
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** True when this registration would start a process on the server (transport stdio, given or implied). */
    public boolean stdio() {
        return "stdio".equals(transport)
                || transport == null && "mcp".equals(type) && url == null && !command.isEmpty();
    }
}
