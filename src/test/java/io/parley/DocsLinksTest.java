package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs are read by people who follow their links: every relative link in README.md, AGENTS.md and docs/**.md
 * must name a file or directory that exists. Links inside code (fenced blocks, inline code) are not links.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("(?<!!)\\[[^\\]\\n]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern FENCED = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    @Test
    void should_resolve_every_relative_link_to_a_file_when_reading_the_readme_agents_and_docs() {
        List<Path> documents = documents(Path.of("."));
        assertThat(documents).contains(Path.of("./README.md"), Path.of("./AGENTS.md"));

        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            broken.addAll(brokenLinks(document, read(document)));
        }

        assertThat(broken).as("relative links that point at no file").isEmpty();
    }

    @Test
    void should_report_a_link_to_a_missing_file_and_ignore_urls_anchors_and_code() {
        String text = """
                [here](docs/no-such-file.md) and [ok](AGENTS.md#build-commands) [web](https://example.com)
                [top](#top) `[code](missing-in-code.md)`
                ```
                [fenced](missing-in-a-fence.md)
                ```
                """;

        assertThat(brokenLinks(Path.of("./README.md"), text)).containsExactly("./README.md → docs/no-such-file.md");
    }

    static List<String> brokenLinks(Path document, String markdown) {
        String prose =
                INLINE_CODE.matcher(FENCED.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> broken = new ArrayList<>();
        Matcher link = LINK.matcher(prose);
        while (link.find()) {
            String target = link.group(1);
            String path = target.split("#", 2)[0];
            if (SCHEME.matcher(target).find() || path.isEmpty()) {
                continue;
            }
            Path parent = document.getParent() == null ? Path.of(".") : document.getParent();
            if (!Files.exists(parent.resolve(path))) {
                broken.add(document + " → " + target);
            }
        }
        return broken;
    }

    private static List<Path> documents(Path root) {
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("AGENTS.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
