package io.parley.usage;

import io.parley.access.ApiKeyId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.SessionId;
import io.parley.platform.TurnId;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One ledger entry: a turn, an embedding batch of a knowledge ingestion, or a message sent through the API.
 *
 * @param cost      null when the price is unknown (never a guess)
 * @param kind      what was used
 * @param messages  how many messages it counts against the monthly limit (1 for a turn or an API message, 0 for an
 *                  embedding batch)
 * @param apiKeyId  the organization API key that caused it, when one did
 * @param sourceKey idempotency key of a non-turn record (a turn is unique by its turn id)
 * @param sessionId the conversation's session a turn belongs to; null for other kinds
 */
public record UsageRecord(
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ContactId contactId,
        ConversationId conversationId,
        TurnId turnId,
        String provider,
        String model,
        int tokensIn,
        int tokensOut,
        BigDecimal cost,
        Kind kind,
        int messages,
        ApiKeyId apiKeyId,
        String sourceKey,
        SessionId sessionId) {
    public enum Kind {
        TURN,
        EMBEDDING,
        MESSAGE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public UsageRecord {
        Objects.requireNonNull(organizationId, "organizationId must not be null");
        Objects.requireNonNull(chatbotId, "chatbotId must not be null");
        kind = kind == null ? Kind.TURN : kind;
        tokensIn = Math.max(0, tokensIn);
        tokensOut = Math.max(0, tokensOut);
        messages = Math.max(0, messages);
        if (kind != Kind.TURN && (sourceKey == null || sourceKey.isBlank())) {
            throw new IllegalArgumentException("sourceKey is required for a " + kind.code() + " record");
        }
    }

    public UsageRecord(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ContactId contactId,
            ConversationId conversationId,
            TurnId turnId,
            String provider,
            String model,
            int tokensIn,
            int tokensOut,
            BigDecimal cost,
            Kind kind,
            int messages,
            ApiKeyId apiKeyId,
            String sourceKey) {
        this(
                organizationId,
                chatbotId,
                contactId,
                conversationId,
                turnId,
                provider,
                model,
                tokensIn,
                tokensOut,
                cost,
                kind,
                messages,
                apiKeyId,
                sourceKey,
                null);
    }

    /** A turn's record: one message. */
    public UsageRecord(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ContactId contactId,
            ConversationId conversationId,
            TurnId turnId,
            String provider,
            String model,
            int tokensIn,
            int tokensOut,
            BigDecimal cost) {
        this(
                organizationId,
                chatbotId,
                contactId,
                conversationId,
                turnId,
                provider,
                model,
                tokensIn,
                tokensOut,
                cost,
                (SessionId) null);
    }

    /** A turn's record in its conversation's session: one message. */
    public UsageRecord(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ContactId contactId,
            ConversationId conversationId,
            TurnId turnId,
            String provider,
            String model,
            int tokensIn,
            int tokensOut,
            BigDecimal cost,
            SessionId sessionId) {
        this(
                organizationId,
                chatbotId,
                contactId,
                conversationId,
                turnId,
                provider,
                model,
                tokensIn,
                tokensOut,
                cost,
                Kind.TURN,
                1,
                null,
                null,
                sessionId);
    }
}
