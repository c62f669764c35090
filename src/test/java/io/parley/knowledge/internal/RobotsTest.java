package io.parley.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RobotsTest {

    @Test
    void should_apply_the_star_group_when_no_group_names_parley() {
        Robots robots = Robots.parse("""
                User-agent: Googlebot
                Disallow: /

                User-agent: *
                Disallow: /private
                Allow: /private/open
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(robots.allows("/docs/page.html")).isTrue();
        assertThat(robots.allows("/private/x")).isFalse();
        assertThat(robots.allows("/private/open/y")).isTrue();
    }

    @Test
    void should_prefer_the_parley_group_and_support_wildcards() {
        Robots robots = Robots.parse("""
                User-agent: *
                Disallow: /

                User-agent: Parley
                Disallow: /*.pdf$
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(robots.allows("/docs/page.html")).isTrue();
        assertThat(robots.allows("/docs/manual.pdf")).isFalse();
        assertThat(robots.allows("/docs/manual.pdf?x=1")).isTrue();
    }
}
