package io.parley.actionlinks;

import io.parley.actionlinks.internal.ActionPurposes;
import io.parley.actionlinks.internal.ActionTokenRepository;
import io.parley.actionlinks.internal.Tokens;
import io.parley.platform.OrganizationId;
import io.parley.platform.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Action links (docs/api/action-links.md, ADR 57). {@link #issue} stores a new link in the caller's transaction (a
 * flow turn's), so a link exists if and only if the message that carries it was committed; {@link #peek} looks at one
 * without using it (the confirmation page); {@link #use} counts a use and lets the link's purpose act, in one
 * transaction.
 */
@Service
public class ActionLinks {
    /** More than a few uses, or more than a month, is no longer a link to act once. */
    public static final int MAX_USES = 100;

    public static final Duration MAX_TTL = Duration.ofDays(30);
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_PAYLOAD = 8192;
    private static final Logger log = LoggerFactory.getLogger(ActionLinks.class);

    private final ActionTokenRepository tokens;
    private final ActionPurposes purposes;
    private final PublicUrl publicUrl;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ActionLinks(
            ActionTokenRepository tokens,
            ActionPurposes purposes,
            PublicUrl publicUrl,
            JsonMapper json,
            TransactionTemplate transaction,
            Clock clock) {
        this.tokens = tokens;
        this.purposes = purposes;
        this.publicUrl = publicUrl;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * A new link for {@code purpose} (an {@link ActionPurpose} bean's name) on {@code subjectId}, usable {@code
     * maxUses} times (1 to {@value #MAX_USES}) until {@code ttl} from now (at most 30 days). The returned token is the
     * only copy: Parley stores its hash.
     */
    @Transactional
    public IssuedLink issue(
            OrganizationId organization,
            String purpose,
            String subjectId,
            Map<String, Object> payload,
            Duration ttl,
            int maxUses) {
        Objects.requireNonNull(organization, "organization");
        if (purpose == null || purposes.find(purpose).isEmpty()) {
            throw new IllegalArgumentException("purpose must name an ActionPurpose bean, was " + purpose);
        }
        if (subjectId == null || subjectId.isBlank() || subjectId.length() > MAX_SUBJECT) {
            throw new IllegalArgumentException("subjectId must be 1 to " + MAX_SUBJECT + " characters");
        }
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL + ", was " + ttl);
        }
        if (maxUses < 1 || maxUses > MAX_USES) {
            throw new IllegalArgumentException("maxUses must be 1 to " + MAX_USES + ", was " + maxUses);
        }
        String payloadJson = json.writeValueAsString(payload == null ? Map.of() : payload);
        if (payloadJson.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload must be at most " + MAX_PAYLOAD + " characters of JSON");
        }
        String token = Tokens.generate();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        tokens.insert(
                UUID.randomUUID(),
                organization,
                Tokens.hash(token),
                purpose,
                subjectId,
                payloadJson,
                expiresAt,
                maxUses,
                now);
        return new IssuedLink(token, publicUrl.resolve("/a/" + token), expiresAt);
    }

    /**
     * The link behind {@code token} in whatever state it is ({@link ActionLink#refusalAt} says whether it can still be
     * used); never uses it. Empty for an unknown or malformed token.
     */
    public Optional<ActionLink> peek(String token) {
        return Tokens.wellFormed(token) ? tokens.find(Tokens.hash(token)) : Optional.empty();
    }

    /**
     * Uses {@code token} once: counts the use if it has uses left and has not expired (both checked by the update
     * itself, so of two concurrent uses of a last use exactly one gets it), then hands the link to its purpose in the
     * same transaction. An outcome that does not keep the use ({@link ActionOutcome#keepsUse}) rolls back the count and
     * whatever the purpose wrote.
     */
    public LinkUse use(String token) {
        if (!Tokens.wellFormed(token)) {
            return new LinkUse.Refused(TokenRefusal.INVALID);
        }
        byte[] hash = Tokens.hash(token);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Optional<ActionLink> consumed = tokens.consume(hash, now);
            if (consumed.isEmpty()) {
                // Spent or expired (the update checks both); a row it cannot see is no token.
                return new LinkUse.Refused(
                        tokens.find(hash).flatMap(l -> l.refusalAt(now)).orElse(TokenRefusal.INVALID));
            }
            ActionLink link = consumed.get();
            Optional<ActionPurpose> purpose = purposes.find(link.purpose());
            if (purpose.isEmpty()) {
                // Issued by an earlier version that had this purpose: nothing can act on it any more.
                log.warn("Action link {} names purpose {}, which no bean implements", link.id(), link.purpose());
                status.setRollbackOnly();
                return new LinkUse.Refused(TokenRefusal.INVALID);
            }
            ActionOutcome outcome = purpose.get().act(link);
            if (!outcome.keepsUse()) {
                status.setRollbackOnly();
            }
            return new LinkUse.Acted(link, outcome);
        });
    }

    /** The confirmation page of a usable link, from its purpose. */
    public Optional<ActionPrompt> prompt(ActionLink link) {
        return purposes.find(link.purpose()).map(purpose -> purpose.prompt(link));
    }
}
