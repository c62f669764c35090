package io.parley.channels.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelContract;
import io.parley.channels.ChannelContract.Connection;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.LlmFake;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A client channel driven from the outside for the port's contract: connected through the admin API, messages in
 * through {@code POST /client/v1/messages} (not waiting: the reply goes its channel's way), a contact named by its
 * {@code externalId}. What went out: for {@code api}, the callbacks its backend received (WireMock); for web and
 * app, the replies the outbox handed over for the page or app to read.
 */
final class ClientChannelFixture implements ChannelContract.Fixture {
    private final ChannelType type;

    ClientChannelFixture(ChannelType type) {
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
    public Connection connect(Api api, LlmFake llm) {
        String chatbot = ClientBots.chatbot(api, llm);
        String path = "/callbacks/" + UUID.randomUUID();
        String body = switch (type.wireName()) {
            case "api" -> {
                Fakes.wiremock()
                        .stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
                yield "{\"type\": \"api\", \"name\": \"Backend\", \"callbackUrl\": \"" + Fakes.baseUrl() + path + "\"}";
            }
            case "web" -> "{\"type\": \"web\", \"name\": \"Site\", \"allowedOrigins\": [\"https://shop.example\"]}";
            default -> "{\"type\": \"" + type.wireName() + "\", \"name\": \"App\"}";
        };
        Api.Response created = api.post("/api/v1/chatbots/" + chatbot + "/channels", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String organization = api.get("/api/v1/chatbots/" + chatbot).text("organizationId");
        List<String> secrets = new ArrayList<>(List.of(llm.apiKey()));
        for (String secret : List.of("identitySecret", "signingSecret")) {
            if (created.json().has(secret)) {
                secrets.add(created.text(secret));
            }
        }
        if (api()) {
            secrets.add(created.text("key")); // a secret key; a publishable one (pk_) may be listed
        }
        Map<String, String> extra = new HashMap<>();
        extra.put("key", created.text("key"));
        extra.put("callbackPath", path);
        return new Connection(organization, chatbot, created.text("id"), created, secrets, extra);
    }

    @Override
    public String newContact() {
        return "customer-" + UUID.randomUUID();
    }

    @Override
    public void deliver(Api api, Connection connection, String contact, String messageId, String text) {
        Api.Response response = api.withToken(connection.extra().get("key"))
                .post(
                        "/client/v1/messages?wait=0",
                        Api.json()
                                .writeValueAsString(Map.of(
                                        "requestId", messageId, "text", text, "user", Map.of("externalId", contact))));
        assertThat(response.status()).as(response.body()).isIn(200, 202, 409);
    }

    @Override
    public List<String> sent(Api api, Connection connection, String contact) {
        return ChannelContract.conversationOf(api, connection.chatbotId(), contact)
                .map(conversation -> {
                    String id = conversation.path("id").asString();
                    if (!api()) {
                        return ChannelContract.sentThroughOutbox(api, id);
                    }
                    List<String> texts = new ArrayList<>();
                    Fakes.wiremock()
                            .findAll(postRequestedFor(
                                    urlEqualTo(connection.extra().get("callbackPath"))))
                            .forEach(request -> {
                                JsonNode callback = Api.json().readTree(request.getBodyAsString());
                                if (id.equals(callback.path("conversationId").asString())) {
                                    texts.add(callback.path("text").asString());
                                }
                            });
                    return texts;
                })
                .orElse(List.of());
    }

    @Override
    public Map<String, FailureClass> errorCodes() {
        return api()
                ? Map.of(
                        "callback_503",
                        FailureClass.RETRY,
                        "callback_429",
                        FailureClass.RETRY,
                        "callback_408",
                        FailureClass.RETRY,
                        "callback_400",
                        FailureClass.PERMANENT,
                        "callback_401",
                        FailureClass.PERMANENT)
                : Map.of();
    }

    @Override
    public boolean provokePermanentError(Connection connection) {
        if (!api()) {
            return false;
        }
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(connection.extra().get("callbackPath")))
                        .willReturn(aResponse().withStatus(400)));
        return true;
    }
}
