package io.parley.actionlinks;

import java.util.Objects;

/** What the confirmation page of a link says: a title, a sentence (may be empty) and the button's label. */
public record ActionPrompt(String title, String text, String button) {
    public ActionPrompt {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(button, "button");
        text = text == null ? "" : text;
    }
}
