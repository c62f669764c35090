package io.parley.console.shell;

/** A signed-in person opened a page or sent an action their role does not allow; rendered as the 403 page. */
public class ConsoleForbiddenException extends RuntimeException {
    public ConsoleForbiddenException(String message) {
        super(message);
    }
}
