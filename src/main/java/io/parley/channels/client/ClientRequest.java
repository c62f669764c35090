package io.parley.channels.client;

import java.util.Map;
import java.util.regex.Pattern;

/** A validated {@code POST /client/v1/messages} body. */
record ClientRequest(String requestId, String text, ClientUser user, boolean newSession) {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    static ClientRequest read(Map<String, Object> body) {
        Object id = body.get("requestId");
        if (id == null) {
            throw Fields.invalid("requestId", "is required");
        }
        if (!(id instanceof String requestId) || !REQUEST_ID.matcher(requestId).matches()) {
            throw Fields.invalid("requestId", "must be 1 to 128 of A-Z a-z 0-9 . _ : -");
        }
        String text = MessageText.read(body.get("text"));
        ClientUser user = ClientUser.read(body.get("user"));
        Object newSession = body.get("newSession");
        if (newSession != null && !(newSession instanceof Boolean)) {
            throw Fields.invalid("newSession", "must be true or false");
        }
        return new ClientRequest(requestId, text, user, Boolean.TRUE.equals(newSession));
    }

    /** What makes two requests with one id the same request: the text, who sends it, and newSession. */
    String hash() {
        return ClientKeys.sha256(text + "\u0001" + user.fingerprint() + "\u0001" + newSession);
    }
}
