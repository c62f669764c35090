package io.parley.actionlinks;

/**
 * Why a token cannot be used, with the status and problem {@code code} Parley answers: unknown (or malformed) 404,
 * expired 410, all its uses spent 410. A link that is both spent and expired is reported as used.
 */
public enum TokenRefusal {
    INVALID(404, "action_token_invalid", "This link is not valid. Check that you copied all of it."),
    EXPIRED(410, "action_token_expired", "This link has expired. Ask us in the chat for a new one."),
    USED(410, "action_token_used", "This link has been used already.");

    private final int status;
    private final String code;
    private final String message;

    TokenRefusal(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
