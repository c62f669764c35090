package io.parley.agent;

import io.parley.llm.ToolSpec;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolEffect;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/** Tools with known behaviour for exercising the agent loop: they stand in for a shop's real tools. */
@TestConfiguration(proxyBeanMethods = false)
class LoopTestTools {
    static final String LOOKUP_ORDER = "lookup_order";
    static final String BROKEN = "check_stock";
    static final String SLOW = "track_parcel";
    static final String ESCALATE = "escalate";

    @Bean
    BuiltinTool lookupOrder() {
        return tool(
                LOOKUP_ORDER,
                "Finds an order by its id",
                """
                {"type": "object", "properties": {"orderId": {"type": "string", "description": "e.g. A1"}},
                 "required": ["orderId"], "additionalProperties": false}""",
                (context, args) -> BuiltinResult.of(Map.of(
                        "orderId", args.path("orderId").asString(), "status", "shipped", "round", context.round())));
    }

    @Bean
    BuiltinTool brokenTool() {
        return tool(BROKEN, "Checks stock", "{\"type\": \"object\", \"properties\": {}}", (context, args) -> {
            throw new IllegalStateException("warehouse system offline");
        });
    }

    @Bean
    BuiltinTool slowTool() {
        return tool(SLOW, "Tracks a parcel", "{\"type\": \"object\", \"properties\": {}}", (context, args) -> {
            Thread.sleep(5_000);
            return BuiltinResult.of("never");
        });
    }

    @Bean
    BuiltinTool escalate() {
        return tool(
                ESCALATE,
                "Hands the conversation to a person",
                "{\"type\": \"object\", \"properties\": {}}",
                (context, args) -> new BuiltinResult(Map.of("handover", true), new ToolEffect.Handover("asked")));
    }

    interface Body {
        BuiltinResult run(ToolContext context, JsonNode arguments) throws Exception;
    }

    private static BuiltinTool tool(String name, String description, String schema, Body body) {
        ToolSpec spec = new ToolSpec(name, description, schema);
        return new BuiltinTool() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public BuiltinResult run(ToolContext context, JsonNode arguments) throws Exception {
                return body.run(context, arguments);
            }
        };
    }
}
