package io.parley.platform.channel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The registry of installed channel types: what generic modules ask instead of naming a channel. */
@Component
public class Channels {
    private final Map<ChannelType, ChannelDefinition> definitions = new LinkedHashMap<>();

    public Channels(List<ChannelDefinition> definitions) {
        for (ChannelDefinition definition : definitions) {
            ChannelDefinition previous = this.definitions.putIfAbsent(definition.type(), definition);
            if (previous != null) {
                throw new IllegalStateException("Two channel definitions for " + definition.type() + ": "
                        + previous.getClass().getName() + " and "
                        + definition.getClass().getName());
            }
        }
    }

    /** The definition of an installed type; an unknown type is a programming or data error. */
    public ChannelDefinition definition(ChannelType type) {
        ChannelDefinition definition = definitions.get(type);
        if (definition == null) {
            throw new UnknownChannelTypeException(type, types());
        }
        return definition;
    }

    public Optional<ChannelDefinition> find(ChannelType type) {
        return Optional.ofNullable(definitions.get(type));
    }

    public ChannelCapabilities capabilities(ChannelType type) {
        return definition(type).capabilities();
    }

    public FailureClass classify(ChannelType type, String providerErrorCode) {
        return definition(type).classify(providerErrorCode);
    }

    /**
     * Whether the provider's code means the service window closed; false for a type no installed channel serves
     * (a stored row of a removed channel must still end, not fail its job).
     */
    public boolean closesWindow(ChannelType type, String providerErrorCode) {
        return providerErrorCode != null
                && find(type)
                        .map(d -> d.classify(providerErrorCode) == FailureClass.WINDOW_CLOSED)
                        .orElse(false);
    }

    /** Whether sends of this type are paced; false for a type no installed channel serves. */
    public boolean paced(ChannelType type) {
        return find(type).map(d -> d.capabilities().paced()).orElse(false);
    }

    /** Whether this type has a customer service window; false for a type no installed channel serves. */
    public boolean hasServiceWindow(ChannelType type) {
        return find(type).map(d -> d.capabilities().serviceWindow().isPresent()).orElse(false);
    }

    /** The installed types, sorted by wire name. */
    public SortedSet<String> types() {
        return definitions.keySet().stream().map(ChannelType::wireName).collect(Collectors.toCollection(TreeSet::new));
    }

    public Collection<ChannelDefinition> all() {
        return List.copyOf(definitions.values());
    }

    /** No channel of this type is installed. */
    public static class UnknownChannelTypeException extends IllegalArgumentException {
        public UnknownChannelTypeException(ChannelType type, Collection<String> known) {
            super("No channel of type '" + type + "' is installed (known: " + String.join(", ", known) + ")");
        }
    }
}
