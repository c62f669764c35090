package io.parley.channels.webchat;

import io.parley.delivery.ChannelSenderContract;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.testing.Api;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link WebchatSender} through the sender contract: the page reads its replies, so nothing goes on a wire. */
class WebchatSenderContractIntegrationTest extends ChannelSenderContract {
    @Override
    protected Fixture fixture() {
        return new Fixture() {
            @Override
            public ChannelType type() {
                return ChannelType.WEBCHAT;
            }

            /** Every chatbot has the sandbox chat; the sender needs no account of its own. */
            @Override
            public Target connect(Api api) {
                return new Target(
                        new OrganizationId(UUID.randomUUID()),
                        new ChannelAccountId(UUID.randomUUID()),
                        "visitor-" + UUID.randomUUID(),
                        Map.of());
            }

            @Override
            public Resend resend() {
                return Resend.SAME_PROVIDER_ID;
            }

            @Override
            public List<String> keysOnTheWire(Target target) {
                return List.of();
            }

            @Override
            public boolean answerSendsWith(Target target, int status, Integer retryAfterSeconds) {
                return false;
            }
        };
    }
}
