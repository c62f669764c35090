package io.parley.tenancy;

import io.parley.platform.Secret;
import io.parley.platform.channel.ChannelType;

/**
 * Port: asks the provider whether an access token really reaches a phone number id, before the number is connected.
 * Implemented by the WhatsApp adapter (tenancy must not depend on channels). Never throws for a provider or network
 * failure: those are {@link WhatsAppNumberCheck.Failed} outcomes.
 */
public interface WhatsAppNumberVerifier {
    /** The channel whose numbers this verifier checks (the accounts {@code ChannelAccounts} keeps credentials for). */
    ChannelType type();

    WhatsAppNumberCheck check(String phoneNumberId, Secret accessToken);
}
