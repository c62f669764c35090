/**
 * Parley as an MCP server: {@code /mcp} (streamable HTTP, the official MCP Java SDK's servlet transport) with
 * tools over the caller's conversations. Authenticated by the operator token or an organization API key. No
 * public API: clients speak MCP, other modules do not call this one.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "contacts",
            "conversation",
            "delivery",
            "outreach",
            "platform",
            "platform :: channel",
            "platform :: web",
            "tenancy"
        })
package io.parley.mcp;

import org.springframework.modulith.ApplicationModule;
