package io.parley.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what strangers may send.
 *
 * @param maxPublicBody the largest body of a route that needs no token or that visitors call ({@code @PublicEndpoint},
 *                      {@link CappedBody}): login, logout, web chat; larger is {@code 413 payload_too_large} before
 *                      anything parses it ({@code PARLEY_WEB_MAXPUBLICBODY})
 */
@ConfigurationProperties("parley.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxPublicBody) {}
