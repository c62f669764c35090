package io.parley.conversation;

import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import java.util.Map;

/**
 * A send refused because the chatbot is in pilot mode and the contact is not on its allowlist: nothing was stored
 * or queued. An API caller gets it as a 409; a job that sends to many contacts skips the contact instead.
 */
public class PilotBlockedException extends ConflictException {
    public PilotBlockedException(ChatbotId chatbot) {
        super(
                "pilot_mode_outbound_blocked",
                "The chatbot is in pilot mode and this contact is not on its allowlist, so nothing was sent. Add the"
                        + " contact to the allowlist (PUT /api/v1/chatbots/" + chatbot + "/pilot) or switch pilot"
                        + " mode off.",
                Map.of("chatbotId", chatbot.value()));
    }
}
