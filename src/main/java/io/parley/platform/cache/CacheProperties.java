package io.parley.platform.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-node caches of settings that change only by an admin's action (ADR 50).
 *
 * @param enabled    false reads the database every time, as if every entry had just been invalidated
 *                   ({@code PARLEY_CACHE_ENABLED})
 * @param ttl        how long an entry is kept at most; changes reach every node through notices long before, this
 *                   is only the last net for a change nobody announced ({@code PARLEY_CACHE_TTL})
 * @param maxEntries entries per cache (per kind of thing: chatbots, organizations, ...), least recently used out first
 */
@ConfigurationProperties("parley.cache")
public record CacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration ttl,
        @DefaultValue("10000") long maxEntries) {}
