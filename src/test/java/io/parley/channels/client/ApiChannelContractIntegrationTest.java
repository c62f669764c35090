package io.parley.channels.client;

import io.parley.channels.ChannelContract;

/** The {@code api} client channel through the port's contract (see {@link ClientChannelFixture}). */
class ApiChannelContractIntegrationTest extends ChannelContract {
    @Override
    protected Fixture fixture() {
        return new ClientChannelFixture(ClientTypes.API);
    }
}
