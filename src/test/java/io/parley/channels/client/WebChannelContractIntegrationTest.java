package io.parley.channels.client;

import io.parley.channels.ChannelContract;

/** The {@code web} client channel through the port's contract (see {@link ClientChannelFixture}). */
class WebChannelContractIntegrationTest extends ChannelContract {
    @Override
    protected Fixture fixture() {
        return new ClientChannelFixture(ClientTypes.WEB);
    }
}
