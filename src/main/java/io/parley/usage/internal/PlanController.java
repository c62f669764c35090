package io.parley.usage.internal;

import io.parley.access.OperatorOnly;
import io.parley.usage.Plan;
import io.parley.usage.Plans;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's plans: free, starter, pro and enterprise, editable (a null limit is unlimited). */
@RestController
@OperatorOnly
@RequestMapping("/api/v1/plans")
class PlanController {
    private final Plans plans;

    PlanController(Plans plans) {
        this.plans = plans;
    }

    @GetMapping
    List<Plan> list() {
        return plans.list();
    }

    @GetMapping("/{name}")
    Plan get(@PathVariable String name) {
        return plans.get(name);
    }

    /** Creates the plan or replaces its limits: every field is written, a missing one becomes unlimited. */
    @PutMapping("/{name}")
    Plan update(@PathVariable String name, @RequestBody Plan body) {
        return plans.put(new Plan(
                name,
                body.monthlyMessages(),
                body.monthlyTokens(),
                body.monthlyCostBudget(),
                body.contactDailyMessages(),
                body.ratePerHourPerContact(),
                body.maxMessageLength(),
                body.maxToolRounds(),
                body.knowledgeDocuments(),
                body.knowledgeUrls(),
                body.knowledgeIngestionsPerDay(),
                body.knowledgeStorageBytes(),
                body.maxMediaBytes()));
    }
}
