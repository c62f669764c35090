package io.parley.tools.internal;

import io.parley.platform.OrganizationId;
import io.parley.testing.LoopbackEgress;
import io.parley.testing.PythonMcpServers;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An MCP server over stdio: {@code mcp/contract-server.py}, one process per source, its variable the secret. */
class McpStdioToolSourceClientContractTest extends ToolSourceClientContract {
    private final McpToolSourceClient client = new McpToolSourceClient(PROPERTIES, JSON, LoopbackEgress.http());

    @Override
    protected ToolSourceClient client() {
        return client;
    }

    @Override
    protected ToolSource newSource() {
        return source(
                "Warehouse " + UUID.randomUUID(),
                List.of(PythonMcpServers.python(), PythonMcpServers.script("contract-server.py")));
    }

    @Override
    protected ToolSource newUnreachableSource() {
        return source("Missing warehouse", List.of("/nonexistent/parley-contract-server-" + UUID.randomUUID()));
    }

    private static ToolSource source(String name, List<String> command) {
        return new ToolSource(
                UUID.randomUUID(),
                new OrganizationId(UUID.randomUUID()),
                "mcp",
                name,
                "stdio",
                null,
                command,
                Map.of(),
                Map.of("MCP_TOKEN", SECRET),
                List.of(),
                null);
    }
}
