package io.parley.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only the operator token may call this route: installation-wide data (all organizations, plans, prices) and
 * anything an organization must not do to itself (lifting its own plan limits). Organization callers get 403.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OperatorOnly {}
