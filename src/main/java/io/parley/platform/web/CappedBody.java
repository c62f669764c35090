package io.parley.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route whose body comes from people outside the organization (the web chat's visitors): like every
 * {@code @PublicEndpoint} route, its body is refused with 413 past {@code parley.web.max-public-body} before anything
 * parses it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CappedBody {}
