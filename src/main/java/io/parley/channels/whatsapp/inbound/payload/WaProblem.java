package io.parley.channels.whatsapp.inbound.payload;

/**
 * A part of a webhook that could not be processed, e.g. a message without an id, or {@code value.errors[]}.
 *
 * @param phoneNumberId the number it concerned, if known
 * @param reason        short machine-readable reason, e.g. {@code message_without_id}, {@code change_without_metadata},
 *                      {@code webhook_error}
 * @param fragment      the offending JSON with contact data and content masked, truncated to 2,000 characters
 */
public record WaProblem(String phoneNumberId, String reason, String fragment) {}
