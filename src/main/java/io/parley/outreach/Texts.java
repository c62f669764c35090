package io.parley.outreach;

import io.parley.delivery.OutboundContent;
import io.parley.platform.InvalidRequestException;

/**
 * The text of an outreach message: 1 to {@value OutboundContent.Text#MAX_TEXT} characters; the channel it goes through
 * may allow fewer ({@code OutboundContent.validateFor}, checked when the channel is chosen).
 */
final class Texts {
    static final int MAX = OutboundContent.Text.MAX_TEXT;

    private Texts() {}

    static String require(String text) {
        if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > MAX) {
            throw new InvalidRequestException(
                    "validation_failed", "message.text must have 1 to " + MAX + " characters");
        }
        return text.strip();
    }
}
