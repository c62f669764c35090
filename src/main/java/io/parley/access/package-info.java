/**
 * Who may call what: the operator's admin token, organization API keys, staff users with their sessions, the
 * password login and its throttle; the one {@link io.parley.access.Caller} type; route roles
 * ({@link io.parley.access.RequiresRole}, {@link io.parley.access.OperatorOnly},
 * {@link io.parley.access.PublicEndpoint}); the {@code /api/v1} authentication filter, access and audit
 * interceptors, the per-address ingress guard, {@code /actuator/prometheus} access and the audit log (ADR 16, 37).
 * It sits low: feature modules depend on it, and it reaches them only through its ports
 * ({@link io.parley.access.RouteRoot}, {@link io.parley.access.KnownOrganizations},
 * {@link io.parley.access.AddressBudget}).
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: web"})
package io.parley.access;

import org.springframework.modulith.ApplicationModule;
