package io.parley.templates;

/**
 * A {@code message_template_status_update} webhook, already authenticated by the channel adapter.
 *
 * @param businessAccountId the WABA id of the webhook's entry
 * @param event             the provider's event (APPROVED, REJECTED, PAUSED, DISABLED, REINSTATED, FLAGGED ...)
 */
public record TemplateStatusChange(
        String businessAccountId,
        String event,
        String providerTemplateId,
        String name,
        String language,
        String reason) {}
