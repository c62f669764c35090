/**
 * The HTTP edge every module's controllers share: problem details, route roles and their annotations, the caller
 * ({@link io.parley.platform.web.Actor}), request filters (trace ids, access log, security headers, capped bodies).
 */
@NamedInterface("web")
package io.parley.platform.web;

import org.springframework.modulith.NamedInterface;
