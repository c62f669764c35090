package io.parley.channels.client;

import io.parley.delivery.ChannelSenderContract;

/** The {@code api} channel's sender through the sender contract (see {@link ClientSenderFixture}). */
class ApiSenderContractIntegrationTest extends ChannelSenderContract {
    @Override
    protected Fixture fixture() {
        return new ClientSenderFixture(ClientTypes.API);
    }
}
