package io.parley.notifications.internal;

import io.parley.notifications.StaffChannel;
import io.parley.platform.InvalidRequestException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every {@link StaffChannel} bean, by {@link StaffChannel#name()}. */
@Component
public class StaffChannels {
    private final Map<String, StaffChannel> byName = new TreeMap<>();

    StaffChannels(List<StaffChannel> channels) {
        channels.forEach(c -> byName.put(c.name(), c));
    }

    public Optional<StaffChannel> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The channel, or a 400 {@code unknown_staff_channel} naming it (no such channel on this Parley). */
    public StaffChannel require(String name) {
        return find(name)
                .orElseThrow(() -> new InvalidRequestException(
                        "unknown_staff_channel",
                        "No staff channel '" + name + "' on this Parley; channels: " + byName.keySet(),
                        Map.of("channel", String.valueOf(name))));
    }

    public Collection<StaffChannel> all() {
        return byName.values();
    }
}
