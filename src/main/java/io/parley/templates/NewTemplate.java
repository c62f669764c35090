package io.parley.templates;

import io.parley.platform.ChannelAccountId;

/**
 * A template registered by hand (one approved in Meta's Business Manager before Parley knew it).
 *
 * @param channelAccountId which WhatsApp channel of the chatbot; may be null when it has exactly one
 * @param body             the body text with {@code {{1}}}, {@code {{2}}} ... placeholders
 * @param status           defaults to approved; a sync or status webhook corrects it
 */
public record NewTemplate(
        ChannelAccountId channelAccountId, String name, String language, String category, String body, String status) {}
