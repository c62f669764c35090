/**
 * The machine-readable description of Parley's HTTP API: the OpenAPI 3.1 document at {@code GET /api/openapi.json}
 * and its reference page at {@code /api/docs}, generated from the controllers by springdoc, with the credentials
 * each route accepts (from {@link io.parley.access.RouteAccess}), tags per module and the problem codes Parley
 * answers ({@code ProblemCodes}). See {@code docs/api/openapi.md}.
 */
@ApplicationModule(allowedDependencies = {"access", "platform"})
package io.parley.apidocs;

import org.springframework.modulith.ApplicationModule;
