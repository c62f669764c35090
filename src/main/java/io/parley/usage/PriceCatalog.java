package io.parley.usage;

import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.usage.internal.Decimals;
import io.parley.usage.internal.PriceRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Prices per model, set by the operator. A model without a price has an unknown cost: usage records it as null,
 * never as a guess (seed 003 charged unknown models a made-up 0.001 and matched models by substring, so
 * "gpt-4o-mini" could be priced as "gpt-4o"; matching here is exact). Prices are looked up for every turn and are
 * cached per node, forgotten on every node when one is set or removed (ADR 50).
 */
@Service
public class PriceCatalog {
    /** The least value numeric(14, 8) rounds to a million, which does not fit: a database error, not a price. */
    private static final BigDecimal MAX_PRICE = new BigDecimal("999999.999999995");

    private final PriceRepository repository;
    private final SharedCache<PriceKey, Optional<ModelPrice>> cache;

    /** A provider's model; {@code toString} keeps "a/b" + "c" apart from "a" + "b/c". */
    private record PriceKey(String provider, String model) {
        @Override
        public String toString() {
            return provider.length() + ":" + provider + "/" + model;
        }
    }

    PriceCatalog(PriceRepository repository, ChangeNotices notices) {
        this.repository = repository;
        this.cache = notices.cache(PriceRepository.TOPIC);
    }

    /** The cost of a call, or empty when the model has no price. */
    public Optional<BigDecimal> cost(String provider, String model, int tokensIn, int tokensOut) {
        if (provider == null || model == null) {
            return Optional.empty();
        }
        return cache.get(new PriceKey(provider, model), key -> repository.find(key.provider(), key.model()))
                .map(price -> price.inputPer1k()
                        .multiply(BigDecimal.valueOf(tokensIn))
                        .add(price.outputPer1k().multiply(BigDecimal.valueOf(tokensOut)))
                        .divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_UP));
    }

    public ModelPrice set(String provider, String model, BigDecimal inputPer1k, BigDecimal outputPer1k) {
        requireText("provider", provider);
        requireText("model", model);
        requireNonNegative("inputPer1k", inputPer1k);
        requireNonNegative("outputPer1k", outputPer1k);
        repository.upsert(provider.trim(), model.trim(), Decimals.fit(inputPer1k, 8), Decimals.fit(outputPer1k, 8));
        return repository.find(provider.trim(), model.trim()).orElseThrow();
    }

    public List<ModelPrice> list() {
        return repository.list();
    }

    public void remove(String provider, String model) {
        if (!repository.delete(provider, model)) {
            throw new NotFoundException("price_not_found", "No price for " + provider + "/" + model);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw invalid(field, "must be 1 to 200 characters");
        }
    }

    private static void requireNonNegative(String field, BigDecimal value) {
        if (value == null || value.signum() < 0 || value.compareTo(MAX_PRICE) >= 0) {
            throw invalid(field, "must be a number from 0 to 999999.99999999");
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
