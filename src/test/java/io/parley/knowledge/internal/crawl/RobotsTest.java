package io.parley.knowledge.internal.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** The path-matching examples of Google's robots.txt specification, row by row. */
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /          | /                                  | true
            /          | /any/lower/level.html              | true
            /*         | /                                  | true
            /*         | /any/lower/level.html              | true
            /$         | /                                  | true
            /$         | /index.html                        | false
            /fish      | /fish                              | true
            /fish      | /fish.html                         | true
            /fish      | /fish/salmon.html                  | true
            /fish      | /fishheads                         | true
            /fish      | /fishheads/yummy.html              | true
            /fish      | /fish.php?id=anything              | true
            /fish      | /Fish.asp                          | false
            /fish      | /catfish                           | false
            /fish      | /?id=fish                          | false
            /fish      | /desert/fish                       | false
            /fish*     | /fish                              | true
            /fish*     | /fish.html                         | true
            /fish*     | /fish/salmon.html                  | true
            /fish*     | /fishheads                         | true
            /fish*     | /fishheads/yummy.html              | true
            /fish*     | /fish.php?id=anything              | true
            /fish*     | /Fish.asp                          | false
            /fish*     | /catfish                           | false
            /fish*     | /?id=fish                          | false
            /fish*     | /desert/fish                       | false
            /fish/     | /fish/                             | true
            /fish/     | /fish/?id=anything                 | true
            /fish/     | /fish/salmon.htm                   | true
            /fish/     | /fish                              | false
            /fish/     | /fish.html                         | false
            /fish/     | /animals/fish/                     | false
            /fish/     | /Fish/Salmon.asp                   | false
            /*.php     | /index.php                         | true
            /*.php     | /filename.php                      | true
            /*.php     | /folder/filename.php               | true
            /*.php     | /folder/filename.php?parameters    | true
            /*.php     | /folder/any.php.file.html          | true
            /*.php     | /filename.php/                     | true
            /*.php     | /                                  | false
            /*.php     | /windows.PHP                       | false
            /*.php$    | /filename.php                      | true
            /*.php$    | /folder/filename.php               | true
            /*.php$    | /filename.php?parameters           | false
            /*.php$    | /filename.php/                     | false
            /*.php$    | /filename.php5                     | false
            /*.php$    | /windows.PHP                       | false
            /fish*.php | /fish.php                          | true
            /fish*.php | /fishheads/catfish.php?parameters  | true
            /fish*.php | /Fish.PHP                          | false
            /a$b       | /a$b/c                             | true
            /a**b$     | /a/x/b                             | true
            /a*b*c$    | /abcbc                             | true
            /a*b*c$    | /acb                               | false
            """)
    void should_match_paths_as_google_specifies(String pattern, String path, boolean matches) {
        assertThat(new RobotsPattern(pattern).matches(path)).isEqualTo(matches);
    }

    /** The order-of-precedence examples of Google's specification: the longest rule wins, Allow wins a tie. */
    @ParameterizedTest(name = "allow {0}, disallow {1}, {2}: allowed {3}")
    @CsvSource(delimiter = '|', textBlock = """
            /p       | /        | /page          | true
            /folder  | /folder  | /folder/page   | true
            /page    | /*.htm   | /page.htm      | false
            /page    | /*.ph    | /page.php5     | true
            /$       | /        | /              | true
            /$       | /        | /page.htm      | false
            """)
    void should_let_the_longest_rule_win_and_allow_win_a_tie(
            String allow, String disallow, String path, boolean allowed) {
        Robots robots = Robots.parse(
                ("User-agent: *\nAllow: " + allow + "\nDisallow: " + disallow + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(robots.allows(path)).isEqualTo(allowed);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void should_match_pathological_patterns_against_a_long_path_without_backtracking() {
        String path = "/" + "a".repeat(2000);
        String rules = IntStream.range(0, 2000)
                .mapToObj(i -> "Disallow: /*a*a*a*a*a*a*a*a*b" + i)
                .collect(
                        Collectors.joining("\n", "User-agent: *\n", "\nDisallow: /*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n"));
        Robots robots = Robots.parse(rules.getBytes(StandardCharsets.UTF_8));

        // a regex translation (.*a.*a ... b) tries ~2000^8 splits of the path for each rule before failing
        assertThat(robots.allows(path)).isTrue();
        assertThat(robots.allows(path + "b17/x")).isFalse();
        assertThat(robots.allows(path + "b")).isFalse();
        assertThat(new RobotsPattern("/*a*a*a*a*a*a*a*a*b$").matches(path + "b"))
                .isTrue();
        assertThat(new RobotsPattern("/*a*a*a*a*a*a*a*a*b$").matches(path + "bc"))
                .isFalse();
    }

    @Test
    void should_read_only_the_first_500_kib_of_the_file() {
        String filler = "# " + "x".repeat(1000) + "\n";
        String body = "User-agent: *\nDisallow: /early\n" + filler.repeat(Robots.MAX_BYTES / filler.length() + 1)
                + "Disallow: /late\n";
        Robots robots = Robots.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(robots.allows("/early/page")).isFalse();
        assertThat(robots.allows("/late/page")).isTrue();
    }
}
