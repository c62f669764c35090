package io.parley.channels.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.delivery.ChannelSenderContract.Fixture;
import io.parley.delivery.ChannelSenderContract.Resend;
import io.parley.delivery.ChannelSenderContract.Target;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A client channel's sender for the sender contract, connected through the admin API. For {@code api}, the
 * backend's {@code callbackUrl} is WireMock and the key on the wire is {@code X-Parley-Delivery}; web and app
 * publish replies for the page or app to read, so nothing goes out.
 */
final class ClientSenderFixture implements Fixture {
    private final ChannelType type;

    ClientSenderFixture(ChannelType type) {
        this.type = type;
    }

    @Override
    public ChannelType type() {
        return type;
    }

    private boolean api() {
        return ClientTypes.API.equals(type);
    }

    @Override
    public Target connect(Api api) {
        String chatbot = ClientBots.chatbot(api, io.parley.testing.LlmFake.create());
        String path = "/callbacks/" + UUID.randomUUID();
        String json = switch (type.wireName()) {
            case "api" -> {
                Fakes.wiremock()
                        .stubFor(post(urlEqualTo(path))
                                .atPriority(5)
                                .willReturn(aResponse().withStatus(204)));
                yield "{\"type\": \"api\", \"name\": \"Backend\", \"callbackUrl\": \"" + Fakes.baseUrl() + path + "\"}";
            }
            case "web" -> "{\"type\": \"web\", \"name\": \"Site\", \"allowedOrigins\": [\"https://shop.example\"]}";
            default -> "{\"type\": \"" + type.wireName() + "\", \"name\": \"App\"}";
        };
        ClientBots.Channel channel = ClientBots.connect(api, chatbot, null, json);
        return new Target(
                new OrganizationId(UUID.fromString(channel.organizationId())),
                new ChannelAccountId(UUID.fromString(channel.channelId())),
                "customer-" + UUID.randomUUID(),
                Map.of("callbackPath", path));
    }

    @Override
    public Resend resend() {
        return api() ? Resend.SAME_KEY_ON_THE_WIRE : Resend.SAME_PROVIDER_ID;
    }

    @Override
    public List<String> keysOnTheWire(Target target) {
        if (!api()) {
            return List.of();
        }
        return Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo(target.extra().get("callbackPath"))))
                .stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> request.getHeader("X-Parley-Delivery"))
                .toList();
    }

    @Override
    public boolean answerSendsWith(Target target, int status, Integer retryAfterSeconds) {
        if (!api()) {
            return false;
        }
        ResponseDefinitionBuilder response = aResponse().withStatus(status);
        if (retryAfterSeconds != null) {
            response = response.withHeader("Retry-After", retryAfterSeconds.toString());
        }
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(target.extra().get("callbackPath")))
                        .atPriority(1)
                        .willReturn(response));
        return true;
    }
}
