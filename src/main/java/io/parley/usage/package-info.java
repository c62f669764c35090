/** The usage ledger (one record per turn, period aggregates in the same transaction), plans and limits checked before a turn calls the model. */
@ApplicationModule(allowedDependencies = {"access", "contacts", "events", "platform", "platform :: cache", "tenancy"})
package io.parley.usage;

import org.springframework.modulith.ApplicationModule;
