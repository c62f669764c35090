package io.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class WidgetScriptIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_serve_the_widget_script_to_any_origin_with_short_public_caching() {
        Api.Response script = api.withToken(null).getWithHeaders("/widget.js", "Origin", "https://shop.example");

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.raw().headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/javascript");
        assertThat(script.raw().headers().firstValue("Cache-Control"))
                .get()
                .asString()
                .contains("public", "max-age=300")
                .doesNotContain("no-store", "private");
        assertThat(script.raw().headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        assertThat(script.raw().headers().firstValue("Cross-Origin-Resource-Policy"))
                .hasValue("cross-origin");
        assertThat(script.raw().headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(script.body())
                .contains("data-parley-key", "attachShadow", "window.Parley = api", "/client/v1", "text/event-stream")
                .doesNotContain("document.cookie");
    }

    @Test
    void should_answer_not_modified_when_the_browser_has_the_current_script() {
        Api.Response first = api.withToken(null).get("/widget.js");
        String etag = first.raw().headers().firstValue("ETag").orElseThrow();

        Api.Response again = api.withToken(null).getWithHeaders("/widget.js", "If-None-Match", etag);

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(api.withToken(null)
                        .getWithHeaders("/widget.js", "If-None-Match", "\"old\"")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void should_carry_the_sandboxs_markdown_renderer_unchanged_so_there_is_one_renderer() throws IOException {
        String renderer;
        try (var in = new ClassPathResource("static/js/markdown.js").getInputStream()) {
            renderer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(api.withToken(null).get("/widget.js").body()).contains(renderer);
    }
}
