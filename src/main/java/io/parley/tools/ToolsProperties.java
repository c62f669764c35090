package io.parley.tools;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.tools.*}
 *
 * @param timeout          how long one tool call (and a source's discovery) may run before it counts as failed; also
 *                         the read timeout of HTTP tool sources
 * @param maxResultLength  longer results are cut before they reach the model (and the execution record)
 * @param connectTimeout   how long connecting to an HTTP tool source may take
 * @param mcpStdioEnabled  allow MCP sources with {@code transport: stdio}. They start a command on this server, so
 *                         they are off unless the operator opts in ({@code PARLEY_TOOLS_MCPSTDIOENABLED=true})
 */
@ConfigurationProperties("parley.tools")
public record ToolsProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("20000") int maxResultLength,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("false") boolean mcpStdioEnabled) {}
