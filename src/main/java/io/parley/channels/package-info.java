/**
 * Channel adapters, one package each ({@code whatsapp}, {@code webchat}, {@code client}, {@code email}): they turn wire formats into
 * conversation inbound messages and implement the delivery port for their channel. Wire DTOs stay here.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "contacts",
            "conversation",
            "delivery",
            "events",
            "media",
            "notifications",
            "platform",
            "platform :: channel",
            "platform :: database",
            "platform :: egress",
            "platform :: web",
            "templates",
            "tenancy"
        })
package io.parley.channels;

import org.springframework.modulith.ApplicationModule;
