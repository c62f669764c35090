package io.parley.channels.client;

import io.parley.platform.channel.ChannelType;
import java.util.List;

/** The three client channel types (seed 000's front doors). */
final class ClientTypes {
    static final ChannelType API = ChannelType.API;
    static final ChannelType WEB = ChannelType.WEB;
    static final ChannelType APP = ChannelType.APP;
    static final List<ChannelType> ALL = List.of(API, WEB, APP);

    private ClientTypes() {}

    static boolean isClient(ChannelType type) {
        return ALL.contains(type);
    }
}
