/**
 * Operator access to {@code /api/v1}: the admin token (generated on first start in the embedded mode), its
 * authentication filter, the demo tenant and the start-up banner.
 */
@ApplicationModule(allowedDependencies = {
        "conversation", "knowledge", "platform", "platform :: channel", "platform :: web", "ratelimit", "tenancy",
        "usage"
})
package io.parley.admin;

import org.springframework.modulith.ApplicationModule;
