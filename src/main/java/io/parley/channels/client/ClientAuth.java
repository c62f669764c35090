package io.parley.channels.client;

import io.parley.access.BearerAuth;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.platform.ConversationId;
import io.parley.platform.ForbiddenException;
import io.parley.platform.Ids;
import io.parley.platform.NotFoundException;
import io.parley.platform.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who calls the client API: the channel whose key is presented ({@code Authorization: Bearer}, or {@code ?key=} on
 * GET routes for EventSource and script tags), from an allowed origin (web), and for conversation routes, whether
 * the conversation is the caller's: the channel's, and on web/app with its conversation token.
 */
@Component
class ClientAuth {
    private final ClientChannelStore channels;
    private final Conversations conversations;
    private final ConversationTokens tokens;

    ClientAuth(ClientChannelStore channels, Conversations conversations, ConversationTokens tokens) {
        this.channels = channels;
        this.conversations = conversations;
        this.tokens = tokens;
    }

    ClientChannel channel(HttpServletRequest request, String queryKey) {
        String key = BearerAuth.token(request.getHeader("Authorization"));
        if ((key == null || key.isEmpty()) && "GET".equals(request.getMethod())) {
            key = queryKey;
        }
        if (key == null || key.isBlank() || key.length() > 200) {
            throw invalidKey();
        }
        ClientChannel channel = channels.findByKey(key.strip()).orElseThrow(ClientAuth::invalidKey);
        requireOrigin(channel, request.getHeader("Origin"));
        return channel;
    }

    /** A browser on web sends its page's origin; one not in {@code allowedOrigins} is refused. */
    private static void requireOrigin(ClientChannel channel, String origin) {
        if (origin == null || !channel.isWeb()) {
            return;
        }
        String normalized;
        try {
            normalized = Fields.origin(origin.strip());
        } catch (RuntimeException e) {
            normalized = null;
        }
        if (normalized == null || !channel.allowedOrigins().contains(normalized)) {
            throw new ForbiddenException(
                    "origin_not_allowed",
                    "This channel does not accept requests from this origin; add it to allowedOrigins",
                    java.util.Map.of());
        }
    }

    /** The caller's conversation; another channel's, another visitor's or a malformed id is simply not found. */
    ConversationSummary conversation(ClientChannel channel, String id, String token) {
        NotFoundException notFound =
                new NotFoundException("conversation_not_found", "No conversation with id '" + id + "'");
        ConversationId conversationId;
        try {
            conversationId = Ids.parse(id, "conversation", ConversationId::new);
        } catch (RuntimeException e) {
            throw notFound;
        }
        if (!channel.isApi() && !tokens.valid(channel, conversationId, token)) {
            throw notFound;
        }
        Optional<ConversationSummary> summary;
        try {
            summary = Optional.of(conversations.get(conversationId));
        } catch (NotFoundException e) {
            summary = Optional.empty();
        }
        return summary.filter(s -> s.channelAccountId().equals(channel.account().id()))
                .orElseThrow(() -> notFound);
    }

    private static UnauthorizedException invalidKey() {
        return new UnauthorizedException("invalid_key", "Send a channel key as Authorization: Bearer <key>");
    }
}
