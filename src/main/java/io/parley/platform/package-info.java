/**
 * Shared kernel: typed ids, the error model, shared value types ({@link io.parley.platform.RetryPolicy},
 * {@link io.parley.platform.IdempotencyKey}), secrets, database and job wiring, logging context. It depends on no
 * other module. It is closed: other modules see its root package (the base API, allowed as {@code "platform"}) and
 * the sub-packages declared as named interfaces, each allowed by name: {@code "platform :: channel"} (the channel
 * port, ADR 30), {@code "platform :: egress"} (tenant URLs, ADR 24), {@code "platform :: web"} (problem details,
 * route roles, request filters), {@code "platform :: database"} ({@code GroupCommit}) and {@code "platform :: cache"}
 * (caches of admin settings invalidated across nodes, ADR 50). The {@code jobs} and
 * {@code secrets} sub-packages are wiring only and stay inside.
 */
@ApplicationModule(allowedDependencies = {})
package io.parley.platform;

import org.springframework.modulith.ApplicationModule;
