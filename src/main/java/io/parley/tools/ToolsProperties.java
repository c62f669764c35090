package io.parley.tools;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.tools.*}
 *
 * @param timeout          how long one tool call may run before the model is told it timed out
 * @param maxResultLength  longer results are cut before they reach the model (and the execution record)
 */
@ConfigurationProperties("parley.tools")
public record ToolsProperties(@DefaultValue("30s") Duration timeout, @DefaultValue("20000") int maxResultLength) {
}
