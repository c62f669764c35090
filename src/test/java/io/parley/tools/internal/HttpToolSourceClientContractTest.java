package io.parley.tools.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.parley.platform.OrganizationId;
import io.parley.testing.LoopbackEgress;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A REST tool server (GET /tools, POST /tools/{name}) on WireMock; it answers only with the source's header. */
class HttpToolSourceClientContractTest extends ToolSourceClientContract {
    private static final String AUTHORIZATION = "Bearer " + SECRET;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final HttpToolSourceClient client = new HttpToolSourceClient(PROPERTIES, JSON, LoopbackEgress.http());

    @Override
    protected ToolSourceClient client() {
        return client;
    }

    @Override
    protected ToolSource newSource() {
        String path = "/toolsrv/" + UUID.randomUUID();
        server.stubFor(get(urlEqualTo(path + "/tools"))
                .withHeader("Authorization", equalTo(AUTHORIZATION))
                .willReturn(okJson("""
                        {"tools": [
                          {"name": "echo", "description": "Echoes a message",
                           "input_schema": {"type": "object", "properties": {"message": {"type": "string"}},
                                            "required": ["message"]}},
                          {"name": "fail", "description": "Always reports an error",
                           "input_schema": {"type": "object", "properties": {}}},
                          {"name": "slow", "description": "Answers after a long time",
                           "input_schema": {"type": "object", "properties": {}}}]}""")));
        server.stubFor(post(urlEqualTo(path + "/tools/echo"))
                .withHeader("Authorization", equalTo(AUTHORIZATION))
                .willReturn(okJson("{\"echo\": \"{{jsonPath request.body '$.message'}}\"}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlEqualTo(path + "/tools/fail"))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"the warehouse is closed\"}")));
        server.stubFor(post(urlEqualTo(path + "/tools/slow"))
                .willReturn(okJson("{\"late\": true}")
                        .withFixedDelay((int) TIMEOUT.plusSeconds(2).toMillis())));
        return source("Warehouse " + path, server.baseUrl() + path);
    }

    @Override
    protected ToolSource newUnreachableSource() {
        return source("Closed warehouse", "http://127.0.0.1:1");
    }

    private static ToolSource source(String name, String url) {
        return new ToolSource(
                UUID.randomUUID(),
                new OrganizationId(UUID.randomUUID()),
                "http",
                name,
                null,
                url,
                List.of(),
                Map.of("Authorization", AUTHORIZATION),
                Map.of(),
                List.of(),
                null);
    }
}
