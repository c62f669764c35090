package io.parley.tenancy.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.tenancy.ChannelAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which WhatsApp channel account a phone number id belongs to, asked for every id of every webhook body, including
 * bodies from anyone who found the URL. Answers, found or not, are kept a minute per node and loaded in batches, so
 * a body naming thousands of unknown ids costs one query per thousand ids this node has not looked up within the
 * minute, and sending it again costs none. Concurrent bodies naming the same ids share one load.
 *
 * <p>A number connected on this node is found at once ({@link #connected}). One connected on another node would
 * otherwise stay "unknown" here for up to a minute, and its webhooks arriving here would be acknowledged without
 * being stored; so before looking up or trusting an "unknown" the directory re-reads a fingerprint of the WhatsApp
 * accounts (their count and newest creation time) at most every {@link #RECHECK}, and forgets every "unknown" when
 * it changed. Another node therefore sees a new number within about five seconds (up to the minute only if its
 * commit races a look-up that began before such a re-read).
 */
public final class WhatsAppNumberDirectory {
    static final Duration TTL = Duration.ofMinutes(1);
    static final Duration RECHECK = Duration.ofSeconds(5);
    private static final int QUERY_CHUNK = 1_000;
    private static final int MAX_ENTRIES = 100_000;

    private record Fingerprint(Instant readAt, String value) {}

    private final Function<Collection<String>, List<ChannelAccount>> lookup;
    private final Supplier<String> fingerprintSource;
    private final Clock clock;
    private final AsyncCache<String, Optional<ChannelAccount>> answers;
    private final AtomicReference<Fingerprint> fingerprint = new AtomicReference<>();
    private final ReentrantLock recheck = new ReentrantLock();
    private final Counter idsLookedUp;
    private final Counter queries;

    /**
     * @param lookup            the accounts of some phone number ids (one database statement)
     * @param fingerprintSource a value that changes whenever a WhatsApp account is added or removed
     */
    public WhatsAppNumberDirectory(
            Function<Collection<String>, List<ChannelAccount>> lookup,
            Supplier<String> fingerprintSource,
            Clock clock,
            MeterRegistry meters) {
        this(lookup, fingerprintSource, clock, meters, "parley.numbers");
    }

    /** @param meterPrefix the counters' prefix: {@code parley.<channel type>} */
    public WhatsAppNumberDirectory(
            Function<Collection<String>, List<ChannelAccount>> lookup,
            Supplier<String> fingerprintSource,
            Clock clock,
            MeterRegistry meters,
            String meterPrefix) {
        this.lookup = lookup;
        this.fingerprintSource = fingerprintSource;
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(TTL)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .buildAsync();
        this.idsLookedUp = Counter.builder(meterPrefix + ".number_lookups")
                .description("WhatsApp phone number ids looked up in the database")
                .register(meters);
        this.queries = Counter.builder(meterPrefix + ".number_lookup_queries")
                .description("Statements that looked up WhatsApp phone number ids")
                .register(meters);
    }

    /** The accounts of those ids that are connected, by phone number id; unknown ids are simply absent. */
    public Map<String, ChannelAccount> find(Collection<String> phoneNumberIds) {
        Set<String> ids = new LinkedHashSet<>(phoneNumberIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        forgetUnknownIfAccountsChanged(ids);
        Map<String, Optional<ChannelAccount>> found;
        try {
            found = answers.getAll(ids, (missing, executor) -> load(missing)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Map<String, ChannelAccount> known = new LinkedHashMap<>();
        for (String id : ids) {
            Optional<ChannelAccount> account = found.get(id);
            if (account != null && account.isPresent()) {
                known.put(id, account.get());
            }
        }
        return known;
    }

    /** A number connected on this node: its webhooks must be stored from now on, not after the cached answer expires. */
    public void connected(String phoneNumberId) {
        answers.synchronous().invalidate(phoneNumberId);
    }

    /** A number removed on this node: from now on its webhooks are an unknown number's (ADR 33). */
    public void removed(String phoneNumberId) {
        answers.synchronous().invalidate(phoneNumberId);
    }

    private CompletableFuture<Map<String, Optional<ChannelAccount>>> load(Set<? extends String> missing) {
        try {
            Map<String, Optional<ChannelAccount>> loaded = new HashMap<>();
            List<String> ids = new ArrayList<>(missing);
            for (int from = 0; from < ids.size(); from += QUERY_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + QUERY_CHUNK));
                chunk.forEach(id -> loaded.put(id, Optional.empty()));
                lookup.apply(chunk).forEach(account -> loaded.put(account.externalId(), Optional.of(account)));
                queries.increment();
                idsLookedUp.increment(chunk.size());
            }
            return CompletableFuture.completedFuture(loaded);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Before an "unknown" is used or looked up, the fingerprint must be at most {@link #RECHECK} old: every cached
     * "unknown" was then looked up after the fingerprint it is compared with was read, so an account committed since
     * changes the next reading and the "unknown" is forgotten. Read at most once per RECHECK per node, and never
     * while every id asked for is a known number (the normal webhook).
     */
    private void forgetUnknownIfAccountsChanged(Set<String> ids) {
        if (isFresh(fingerprint.get()) || !anyNotKnown(ids)) {
            return;
        }
        recheck.lock();
        try {
            Fingerprint last = fingerprint.get();
            if (isFresh(last)) {
                return;
            }
            String current = fingerprintSource.get();
            fingerprint.set(new Fingerprint(clock.instant(), current));
            if (last != null && !current.equals(last.value())) {
                answers.synchronous().asMap().values().removeIf(Optional::isEmpty);
            }
        } finally {
            recheck.unlock();
        }
    }

    private boolean isFresh(Fingerprint last) {
        return last != null && clock.instant().isBefore(last.readAt().plus(RECHECK));
    }

    /** Some id is not cached, or cached as unknown (an answer still loading counts as known: it is fresh). */
    private boolean anyNotKnown(Set<String> ids) {
        for (String id : ids) {
            CompletableFuture<Optional<ChannelAccount>> answer = answers.getIfPresent(id);
            if (answer == null
                    || (answer.isDone()
                            && !answer.isCompletedExceptionally()
                            && answer.join().isEmpty())) {
                return true;
            }
        }
        return false;
    }
}
