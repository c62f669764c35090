package io.parley.console.shell;

import io.parley.access.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a console page or action needs (on the controller or the method; the method's wins). Without it,
 * every member of the organization may use it (agents included). A person below it gets the "not allowed" page and
 * nothing is done; the navigation does not show what they may not open.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsoleAccess {
    Role value();
}
