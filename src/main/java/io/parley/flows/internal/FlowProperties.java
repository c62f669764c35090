package io.parley.flows.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flow settings of the server.
 *
 * @param engineEnabled whether chatbots may switch to {@code engine: flow} ({@code PARLEY_FLOWS_ENGINE_ENABLED});
 *                      false until the flow engine runs turns, so no chatbot claims an engine that is not there
 */
@ConfigurationProperties("parley.flows")
public record FlowProperties(@DefaultValue("false") boolean engineEnabled) {}
