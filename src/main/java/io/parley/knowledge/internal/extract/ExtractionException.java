package io.parley.knowledge.internal.extract;

/** The content cannot be read as its type (corrupt, encrypted, empty); the message is shown to the user. */
public class ExtractionException extends RuntimeException {
    ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
