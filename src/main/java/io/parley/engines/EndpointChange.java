package io.parley.engines;

import io.parley.platform.Secret;

/**
 * The endpoint after a {@code PUT}, and the signing secret when this change made a new one (creation, rotation, or a
 * URL on another origin); null when the stored secret was kept. A secret is shown this once and never again.
 */
public record EndpointChange(ExternalEndpoint endpoint, Secret newSecret) {}
