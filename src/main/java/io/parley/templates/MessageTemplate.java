package io.parley.templates;

import io.parley.platform.ChannelAccountId;
import java.time.Instant;

/**
 * A template as registered for one channel account.
 *
 * @param componentsJson  the provider's components (header, body, footer, buttons) as JSON
 * @param bodyText        the body component's text with its {@code {{1}}}, {@code {{2}}} ... placeholders
 * @param bodyParameters  how many body parameters a send must supply (the highest placeholder number)
 */
public record MessageTemplate(
        ChannelAccountId channelAccountId,
        String name,
        String language,
        String category,
        TemplateStatus status,
        String statusReason,
        String componentsJson,
        String bodyText,
        int bodyParameters,
        String providerTemplateId,
        Instant updatedAt) {}
