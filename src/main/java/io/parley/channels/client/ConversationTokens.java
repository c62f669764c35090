package io.parley.channels.client;

import io.parley.platform.ConversationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * A web or app visitor's proof that a conversation is theirs: an HMAC of the conversation id with the channel's token
 * secret. Nothing to store, the same on every node, and useless for any other conversation or channel.
 */
@Component
class ConversationTokens {
    String issue(ClientChannel channel, ConversationId conversation) {
        return "ct_"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                ClientKeys.hmac(channel.tokenSecret().reveal(), "conversation:" + conversation));
    }

    boolean valid(ClientChannel channel, ConversationId conversation, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        issue(channel, conversation).getBytes(StandardCharsets.UTF_8),
                        presented.strip().getBytes(StandardCharsets.UTF_8));
    }
}
