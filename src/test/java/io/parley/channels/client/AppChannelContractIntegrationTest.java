package io.parley.channels.client;

import io.parley.channels.ChannelContract;

/** The {@code app} client channel through the port's contract (see {@link ClientChannelFixture}). */
class AppChannelContractIntegrationTest extends ChannelContract {
    @Override
    protected Fixture fixture() {
        return new ClientChannelFixture(ClientTypes.APP);
    }
}
