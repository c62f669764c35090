package io.parley.tenancy.internal;

import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The installed {@link ChannelConnector}s by type: what the channel routes dispatch on. A new channel package that
 * supplies a connector bean is connectable with no change here.
 */
@Component
public class ChannelConnectors {
    private final Map<ChannelType, ChannelConnector> byType = new LinkedHashMap<>();

    ChannelConnectors(List<ChannelConnector> connectors) {
        for (ChannelConnector connector : connectors) {
            if (byType.putIfAbsent(connector.type(), connector) != null) {
                throw new IllegalStateException("Two channel connectors for type " + connector.type());
            }
        }
    }

    /**
     * The connector for a request's {@code type}; a missing or unknown type is a 400 naming the known types (code
     * {@code unsupported_channel_type}, with the field error on {@code type}).
     */
    public ChannelConnector forRequest(Object type) {
        if (type instanceof String name && !name.isBlank()) {
            Optional<ChannelConnector> connector = parse(name).map(byType::get);
            if (connector.isPresent()) {
                return connector.get();
            }
        }
        String message = "must be one of: " + String.join(", ", types());
        throw new InvalidRequestException(
                "unsupported_channel_type",
                "type " + message,
                Map.of(
                        "errors",
                        List.of(Map.of("field", "type", "message", message)),
                        "knownTypes",
                        List.copyOf(types())));
    }

    /** The connector of a stored account's type; a stored type nobody serves any more is listed by the fallback. */
    public Optional<ChannelConnector> forType(ChannelType type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** How a stored account is listed: its connector's view, or the fields every account has. */
    public Map<String, Object> view(ChannelAccount account) {
        return forType(account.type()).map(connector -> connector.view(account)).orElseGet(() -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", account.id().value());
            view.put("chatbotId", account.chatbotId().value());
            view.put("type", account.type().wireName());
            view.put("createdAt", account.createdAt());
            return view;
        });
    }

    public SortedSet<String> types() {
        TreeSet<String> names = new TreeSet<>();
        byType.keySet().forEach(type -> names.add(type.wireName()));
        return names;
    }

    private static Optional<ChannelType> parse(String name) {
        try {
            return Optional.of(new ChannelType(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
