package io.parley.flows.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flow settings of the server.
 *
 * @param engineEnabled whether chatbots run on flows ({@code PARLEY_FLOWS_ENGINE_ENABLED}, default true): switched
 *                      off, {@code engine: flow} is refused and chatbots already on a flow answer with the agent
 */
@ConfigurationProperties("parley.flows")
public record FlowProperties(@DefaultValue("true") boolean engineEnabled) {}
