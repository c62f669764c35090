package io.parley.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.usage.*}
 *
 * @param defaultPlan    the plan of an organization that was never put on one
 * @param tooLongMessage the reply to a message longer than the organization's max message length; {@code {max}} is
 *                       replaced by the limit (in characters, counted as Unicode code points)
 */
@ConfigurationProperties("parley.usage")
public record UsageProperties(
        @DefaultValue("free") String defaultPlan,

        @DefaultValue("Sorry, your message is too long. Please keep it under {max} characters.")
        String tooLongMessage) {
    public String tooLongMessage(int max) {
        return tooLongMessage.replace("{max}", Integer.toString(max));
    }
}
