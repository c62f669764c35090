package io.parley.channels.client;

import io.parley.delivery.ChannelSenderContract;

/** The {@code app} channel's sender through the sender contract (see {@link ClientSenderFixture}). */
class AppSenderContractIntegrationTest extends ChannelSenderContract {
    @Override
    protected Fixture fixture() {
        return new ClientSenderFixture(ClientTypes.APP);
    }
}
