package io.parley.usage.internal;

import io.parley.access.OperatorOnly;
import io.parley.usage.ModelPrice;
import io.parley.usage.PriceCatalog;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's price list. Model names may contain slashes (e.g. {@code meta-llama/Llama-3-8b}), so they travel in
 * the body and query, not the path.
 */
@RestController
@OperatorOnly
@RequestMapping("/api/v1/prices")
class PriceController {
    private final PriceCatalog prices;

    PriceController(PriceCatalog prices) {
        this.prices = prices;
    }

    record SetPrice(String provider, String model, BigDecimal inputPer1k, BigDecimal outputPer1k) {}

    @GetMapping
    List<ModelPrice> list() {
        return prices.list();
    }

    @PutMapping
    ModelPrice set(@RequestBody SetPrice request) {
        SetPrice r = request == null ? new SetPrice(null, null, null, null) : request;
        return prices.set(r.provider(), r.model(), r.inputPer1k(), r.outputPer1k());
    }

    @DeleteMapping
    ResponseEntity<Void> remove(@RequestParam String provider, @RequestParam String model) {
        prices.remove(provider, model);
        return ResponseEntity.noContent().build();
    }
}
