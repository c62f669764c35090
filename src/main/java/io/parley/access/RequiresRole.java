package io.parley.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role an organization's caller needs for an {@code /api/v1} route (the operator always passes). On a
 * method it wins over one on the controller; without either, GET needs {@link Role#AGENT} and every other method
 * {@link Role#ADMIN} (see {@link RouteAccess}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    Role value();
}
