package io.parley.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.util.stream.Stream;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP server on the SDK's streamable HTTP servlet, registered next to Spring MVC's dispatcher. The SDK keeps
 * its own JSON mapper (Jackson 3, from {@code mcp-json-jackson3}, see {@link McpJson}) so Spring's settings cannot
 * change the wire format.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {
    static final String ENDPOINT = "/mcp";

    @Bean
    McpJsonMapper mcpJsonMapper() {
        return new McpJson();
    }

    @Bean
    HttpServletStreamableServerTransportProvider mcpTransport(McpJsonMapper json) {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(ENDPOINT)
                .contextExtractor(McpCallers::contextOf)
                .build();
    }

    @Bean(destroyMethod = "closeGracefully")
    McpSyncServer mcpServer(
            HttpServletStreamableServerTransportProvider transport,
            McpJsonMapper json,
            ConversationReadTools read,
            ConversationWriteTools write) {
        return McpServer.sync(transport)
                .serverInfo("parley", "1")
                .instructions("Parley's conversations (WhatsApp and web chat) of your organization: list them, read "
                        + "and search messages, answer as a human agent and hand a conversation over between bot "
                        + "and human.")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .tools(Stream.concat(read.tools().stream(), write.tools().stream())
                        .map(tool -> ToolAdapter.specification(tool, json))
                        .toList())
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider transport) {
        ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration =
                new ServletRegistrationBean<>(transport, ENDPOINT, ENDPOINT + "/*");
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
