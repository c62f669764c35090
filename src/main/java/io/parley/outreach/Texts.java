package io.parley.outreach;

import io.parley.platform.InvalidRequestException;

/** The text of an outreach message: 1 to 4096 characters, as WhatsApp allows. */
final class Texts {
    static final int MAX = 4096;

    private Texts() {
    }

    static String require(String text) {
        if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > MAX) {
            throw new InvalidRequestException("validation_failed", "message.text must have 1 to " + MAX + " characters");
        }
        return text.strip();
    }
}
