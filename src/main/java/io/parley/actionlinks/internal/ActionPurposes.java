package io.parley.actionlinks.internal;

import io.parley.actionlinks.ActionPurpose;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every {@link ActionPurpose} bean by its name; two beans with one name, or a malformed name, stop the start. */
@Component
public class ActionPurposes {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
    private final Map<String, ActionPurpose> byName = new TreeMap<>();

    ActionPurposes(ObjectProvider<ActionPurpose> purposes) {
        for (ActionPurpose purpose : purposes.orderedStream().toList()) {
            String name = purpose.purpose();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException(
                        purpose.getClass().getName() + ".purpose() must match " + NAME + ", was " + name);
            }
            ActionPurpose earlier = byName.putIfAbsent(name, purpose);
            if (earlier != null) {
                throw new IllegalStateException("Two action purposes are named " + name + ": "
                        + earlier.getClass().getName() + " and "
                        + purpose.getClass().getName());
            }
        }
    }

    public Optional<ActionPurpose> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
