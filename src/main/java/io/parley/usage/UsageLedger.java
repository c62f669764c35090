package io.parley.usage;

import io.parley.access.ApiKeyId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.SessionId;
import io.parley.tenancy.Organizations;
import io.parley.usage.internal.UsageRepository;
import io.parley.usage.internal.UsageTotalsRepository;
import io.parley.usage.internal.UsageTotalsRepository.Totals;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The usage ledger and its period aggregates. The aggregates change only here, in the transaction that inserts the
 * record, so the ledger and the totals the limits read can never disagree.
 */
@Service
public class UsageLedger {
    private final UsageRepository repository;
    private final UsageTotalsRepository totals;
    private final UsageAlerts alerts;
    private final Limits limits;
    private final Organizations organizations;
    private final PriceCatalog prices;
    private final Clock clock;

    UsageLedger(
            UsageRepository repository,
            UsageTotalsRepository totals,
            UsageAlerts alerts,
            Limits limits,
            Organizations organizations,
            PriceCatalog prices,
            Clock clock) {
        this.repository = repository;
        this.prices = prices;
        this.totals = totals;
        this.alerts = alerts;
        this.limits = limits;
        this.organizations = organizations;
        this.clock = clock;
    }

    /**
     * Records usage in the caller's transaction; a turn is recorded at most once (unique turn id), any other record
     * at most once per source key. Returns false when it was already recorded.
     */
    @Transactional
    public boolean record(UsageRecord record) {
        if (!repository.insert(record)) {
            return false;
        }
        Instant now = clock.instant();
        BillingPeriod period = BillingPeriod.containing(now);
        // The aggregate as this record left it: what the 80 % and 100 % alerts compare, without reading it again.
        Totals after = totals.add(record, period.start(), BillingPeriod.day(now));
        if (record.cost() == null && record.tokensIn() + record.tokensOut() > 0) {
            alerts.unpriced(record.organizationId(), period.start(), record);
        }
        alerts.check(record.organizationId(), period.start(), limits.effective(record.organizationId()), after);
        return true;
    }

    /**
     * Records one remote embedding call of a knowledge ingestion: its tokens count toward the monthly tokens and,
     * priced by the catalog (input price × tokens), toward the cost budget; no message. {@code batchKey} identifies
     * the batch within its ingestion run (e.g. {@code <source>:<run>:<batch>}), so a re-run records nothing twice.
     */
    @Transactional
    public boolean recordEmbedding(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            String provider,
            String model,
            int tokens,
            String batchKey) {
        requireText("provider", provider);
        requireText("batchKey", batchKey);
        return record(new UsageRecord(
                organizationId,
                chatbotId,
                null,
                null,
                null,
                provider,
                model,
                tokens,
                0,
                prices.cost(provider, model, tokens, 0).orElse(null),
                UsageRecord.Kind.EMBEDDING,
                0,
                null,
                "embedding:" + batchKey));
    }

    /**
     * Records a message an organization API key sent through the API: one message against the monthly limit, no
     * tokens, no cost. Idempotent by the outbound message id (a retried request records it once).
     */
    @Transactional
    public boolean recordApiMessage(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ContactId contactId,
            ConversationId conversationId,
            ApiKeyId apiKeyId,
            OutboundMessageId outboundMessageId) {
        java.util.Objects.requireNonNull(outboundMessageId, "outboundMessageId must not be null");
        return record(new UsageRecord(
                organizationId,
                chatbotId,
                contactId,
                conversationId,
                null,
                "api",
                null,
                0,
                0,
                java.math.BigDecimal.ZERO,
                UsageRecord.Kind.MESSAGE,
                1,
                apiKeyId,
                "message:" + outboundMessageId.value()));
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    public List<UsageRecord> forConversation(ConversationId conversationId) {
        return repository.forConversation(conversationId);
    }

    /** Tokens and cost of each of the given sessions' turns; a session without usage is absent. */
    public Map<SessionId, SessionUsage> bySession(Collection<SessionId> sessions) {
        return repository.bySession(sessions);
    }

    /** The organization's usage in the current billing period. */
    public UsagePeriod currentPeriod(OrganizationId organizationId) {
        organizations.get(organizationId);
        BillingPeriod period = BillingPeriod.containing(clock.instant());
        Totals t = totals.period(organizationId, period.start());
        return new UsagePeriod(
                period.startInstant(),
                period.endInstant(),
                t.messages(),
                t.tokensIn(),
                t.tokensOut(),
                t.cost(),
                t.unpriced());
    }

    /** Usage over [from, to) from the ledger, grouped by chatbot, contact, model or day (null: one "total" group). */
    public List<UsageGroup> history(OrganizationId organizationId, Instant from, Instant to, String groupBy) {
        organizations.get(organizationId);
        if (groupBy != null && !UsageTotalsRepository.knownGroup(groupBy)) {
            throw new io.parley.platform.InvalidRequestException(
                    "validation_failed", "groupBy must be one of chatbot, contact, model, day, apiKey, kind");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new io.parley.platform.InvalidRequestException("validation_failed", "from must be before to");
        }
        return totals.history(organizationId, from, to, groupBy);
    }
}
