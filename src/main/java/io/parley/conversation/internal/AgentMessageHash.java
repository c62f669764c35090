package io.parley.conversation.internal;

import io.parley.platform.ConversationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What an agent message request asked for, as a hash: the same Idempotency-Key must come with the same request. */
public final class AgentMessageHash {
    private AgentMessageHash() {}

    public static String of(ConversationId conversation, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(conversation.toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
