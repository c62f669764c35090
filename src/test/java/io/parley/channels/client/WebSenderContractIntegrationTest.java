package io.parley.channels.client;

import io.parley.delivery.ChannelSenderContract;

/** The {@code web} channel's sender through the sender contract (see {@link ClientSenderFixture}). */
class WebSenderContractIntegrationTest extends ChannelSenderContract {
    @Override
    protected Fixture fixture() {
        return new ClientSenderFixture(ClientTypes.WEB);
    }
}
