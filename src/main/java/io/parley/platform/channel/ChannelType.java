package io.parley.platform.channel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of channel, by the name it has on the wire ({@code "whatsapp"}, {@code "web"}, ...). A value type rather
 * than an enum: a channel is one package under {@code channels/}, and generic modules never list them. The constants
 * exist for the channel packages themselves and for tests; generic code asks the channel's capabilities instead of
 * comparing types.
 */
public record ChannelType(String wireName) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,31}");

    public static final ChannelType WHATSAPP = new ChannelType("whatsapp");
    /** The operator's sandbox chat (the dashboard page). */
    public static final ChannelType WEBCHAT = new ChannelType("webchat");
    /** A business's backend calling the client API with a secret key. */
    public static final ChannelType API = new ChannelType("api");
    /** A website, through the widget or its own code, with a publishable key. */
    public static final ChannelType WEB = new ChannelType("web");
    /** A mobile app, with a publishable key. */
    public static final ChannelType APP = new ChannelType("app");

    public ChannelType {
        Objects.requireNonNull(wireName, "wireName");
        if (!NAME.matcher(wireName).matches()) {
            throw new IllegalArgumentException("not a channel type: " + wireName);
        }
    }

    public static ChannelType fromWire(String value) {
        return new ChannelType(value.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
