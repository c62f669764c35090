package io.parley.engines;

import io.parley.platform.ChatbotId;
import java.time.Duration;
import java.time.Instant;

/**
 * A chatbot's external engine endpoint as the API shows it: never with its signing secret.
 *
 * @param timeout how long a turn waits for the endpoint's whole answer
 */
public record ExternalEndpoint(
        ChatbotId chatbotId, String url, Duration timeout, Instant createdAt, Instant updatedAt) {}
