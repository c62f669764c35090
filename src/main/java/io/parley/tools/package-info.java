/**
 * Tools the agent can call: built-ins (implementations of {@link io.parley.tools.BuiltinTool}), HTTP tool servers and
 * MCP servers (through {@link io.parley.tools.ToolSourceClient}). Facade: {@link io.parley.tools.Tools} — which tools a
 * chatbot has, and running one call with argument validation, a timeout and an execution record.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "contacts",
            "llm",
            "platform",
            "platform :: cache",
            "platform :: egress",
            "tenancy"
        })
package io.parley.tools;

import org.springframework.modulith.ApplicationModule;
