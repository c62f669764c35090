/** System events: every failure class (signature, send, model, unknown number, ...) recorded with its context. */
@ApplicationModule(allowedDependencies = {
        "platform", "platform :: web", "tenancy"
})
package io.parley.events;

import org.springframework.modulith.ApplicationModule;
