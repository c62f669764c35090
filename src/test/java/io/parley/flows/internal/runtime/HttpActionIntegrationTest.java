package io.parley.flows.internal.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.flows.engine.FlowPorts.ActionResult;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The {@code http} action against a WireMock server: JSON in and out, and every way it fails without throwing. */
class HttpActionIntegrationTest extends IntegrationTestSupport {
    @Autowired
    HttpAction action;

    @Test
    void should_post_the_body_as_json_and_keep_the_json_answer() {
        String path = "/orders-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(path))
                        .withRequestBody(equalToJson("{\"order\": \"1234\"}"))
                        .willReturn(okJson("{\"status\": \"shipped\"}")));

        ActionResult result = action.run(Map.of("url", Fakes.baseUrl() + path, "body", Map.of("order", "1234")));

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.value()).isEqualTo(Map.of("status", "shipped"));
    }

    @Test
    void should_get_and_keep_a_text_answer_with_its_status() {
        String path = "/hours-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(path))
                        .willReturn(aResponse().withStatus(200).withBody("9 to 5")));

        ActionResult result = action.run(Map.of("url", Fakes.baseUrl() + path, "method", "get"));

        assertThat(result.value()).isEqualTo(Map.of("status", 200, "body", "9 to 5"));
    }

    @Test
    void should_fail_without_throwing_for_errors_private_addresses_bad_methods_and_no_url() {
        String path = "/broken-" + UUID.randomUUID();
        Fakes.wiremock().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));

        assertThat(action.run(Map.of("url", Fakes.baseUrl() + path)).error()).isEqualTo("http status 503");
        assertThat(action.run(Map.of("url", "https://10.1.2.3/internal")).error())
                .startsWith("url refused");
        assertThat(action.run(Map.of("url", "http://public.example/x")).error()).startsWith("url refused");
        assertThat(action.run(Map.of("url", Fakes.baseUrl() + path, "method", "DELETE"))
                        .error())
                .isEqualTo("http method must be GET or POST");
        assertThat(action.run(Map.of()).error()).isEqualTo("http needs a url");
    }
}
