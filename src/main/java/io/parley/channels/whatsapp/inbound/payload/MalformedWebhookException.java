package io.parley.channels.whatsapp.inbound.payload;

import io.parley.platform.InvalidRequestException;

/**
 * The webhook body is not a JSON object, so nothing in it can be trusted. Being an
 * {@link InvalidRequestException}, it reaches the client as a 400 problem through the one error advice.
 */
public final class MalformedWebhookException extends InvalidRequestException {

    MalformedWebhookException(String message, Throwable parseFailure) {
        super("malformed_webhook", message);
        // The parent has no cause slot; keep the parser's diagnosis for the logs without exposing it to clients.
        if (parseFailure != null) {
            addSuppressed(parseFailure);
        }
    }
}
