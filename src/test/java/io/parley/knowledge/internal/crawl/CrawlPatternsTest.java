package io.parley.knowledge.internal.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrawlPatternsTest {

    @Test
    void should_find_patterns_in_the_path() {
        CrawlPatterns patterns = new CrawlPatterns(List.of("^/docs/"), List.of("/private/", "\\?print"));

        assertThat(patterns.included("/docs/guide.html")).isTrue();
        assertThat(patterns.included("/blog/docs/guide.html")).isFalse();
        assertThat(patterns.excluded("/docs/private/keys.html")).isTrue();
        assertThat(patterns.excluded("/docs/guide.html?print=1")).isTrue();
        assertThat(patterns.excluded("/docs/guide.html")).isFalse();
        assertThat(patterns.abandoned()).isZero();
    }

    @Test
    void should_abandon_a_catastrophic_pattern_and_skip_the_url() {
        String evil = "/site/" + "a".repeat(80) + "b.html";
        CrawlPatterns excluding = new CrawlPatterns(List.of(), List.of("(.*a){20}$"));
        CrawlPatterns including = new CrawlPatterns(List.of("(.*a){20}$"), List.of());

        assertThat(excluding.excluded(evil)).isTrue();
        assertThat(including.included(evil)).isFalse();
        assertThat(excluding.abandoned()).isEqualTo(1);
        assertThat(including.abandoned()).isEqualTo(1);
        assertThat(excluding.excluded("/site/fine.html")).isFalse();
    }

    @Test
    void should_not_abandon_an_ordinary_pattern_on_a_long_path() {
        CrawlPatterns patterns = new CrawlPatterns(List.of(".*guide.*"), List.of());

        assertThat(patterns.included("/" + "x".repeat(5000) + "/guide")).isFalse(); // cut to 1024 characters
        assertThat(patterns.included("/" + "x".repeat(900) + "/guide")).isTrue();
        assertThat(patterns.abandoned()).isZero();
    }

    @Test
    void should_reject_long_and_broken_patterns_naming_the_field() {
        assertThatThrownBy(() -> CrawlPatterns.validate(List.of("ok", "x".repeat(201)), "include"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("include[1]");
        assertThatThrownBy(() -> CrawlPatterns.validate(List.of("(unclosed"), "exclude"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("exclude[0]");
        CrawlPatterns.validate(List.of("x".repeat(200)), "include");
    }
}
