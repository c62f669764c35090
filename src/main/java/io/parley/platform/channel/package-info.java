/**
 * The channel port (ADR 30): {@link io.parley.platform.channel.ChannelType}, capabilities and definitions, asked
 * through {@link io.parley.platform.channel.Channels} instead of naming a channel outside its package.
 */
@NamedInterface("channel")
package io.parley.platform.channel;

import org.springframework.modulith.NamedInterface;
