package io.parley.templates;

import io.parley.platform.ConversationId;
import java.util.Optional;

/** Port, implemented by the conversation module: a conversation's customer service window and whom it is with. */
public interface ConversationWindows {
    Optional<ConversationWindow> window(ConversationId id);
}
