/** System events: every failure class (signature, send, model, unknown number, ...) recorded with its context. */
@ApplicationModule(allowedDependencies = {"access", "platform", "tenancy"})
package io.parley.events;

import org.springframework.modulith.ApplicationModule;
