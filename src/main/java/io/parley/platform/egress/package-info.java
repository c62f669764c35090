/**
 * Requests to URLs an organization can set (ADR 24): {@link io.parley.platform.egress.EgressPolicy} checks a URL
 * before it is stored, {@link io.parley.platform.egress.EgressHttp} is the only client that requests it.
 */
@NamedInterface("egress")
package io.parley.platform.egress;

import org.springframework.modulith.NamedInterface;
