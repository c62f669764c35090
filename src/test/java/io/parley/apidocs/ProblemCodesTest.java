package io.parley.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog of problem codes the OpenAPI description lists ({@link ProblemCodes}) against the codes the sources
 * throw and answer: an exception of Parley's family built with a literal code, a problem built with one, a code a
 * subclass passes to its parent. A code added without its line in the catalog fails here.
 */
class ProblemCodesTest {
    private static final String EXCEPTIONS = "NotFound|Conflict|InvalidRequest|Forbidden|Unauthorized|"
            + "TooManyRequests|Upstream|Transient|ToolSourceUnreachable|MalformedWebhook";
    /** {@code new ConflictException("code", ...)}, also {@code new X(cond ? "a" : "b", ...)}. */
    private static final Pattern THROWN = Pattern.compile("new (?:" + EXCEPTIONS
            + ")Exception\\(\\s*((?:[^,\"()]*\\?\\s*)?\"[a-z0-9_]+\"(?:\\s*:\\s*\"[a-z0-9_]+\")?)");
    /** {@code Problems.of(HttpStatus.X, "code", ...)}, a code a subclass hands up, the answering helpers' codes. */
    private static final Pattern ANSWERED = Pattern.compile("(?:Problems\\.of\\(\\s*HttpStatus\\.\\w+,|\\bsuper\\(|"
            + "conflict\\(|refuse\\((?:[^,]+,){2}|UnsupportedContentException\\(|problem\\()\\s*\"([a-z0-9_]+)\"");
    /** An exception's code constant ({@code EgressRefusedException.CODE}). */
    private static final Pattern CONSTANT = Pattern.compile("static final String CODE = \"([a-z0-9_]+)\"");

    private static final Pattern LITERAL = Pattern.compile("\"([a-z0-9_]+)\"");

    @Test
    void should_list_every_problem_code_of_the_sources_when_the_description_is_built() {
        Set<String> used = usedCodes();
        Set<String> listed = new HashSet<>(
                ProblemCodes.ALL.stream().map(ProblemCodes.ProblemCode::code).toList());

        assertThat(used).as("codes found in src/main/java").hasSizeGreaterThan(80);
        assertThat(new TreeSet<>(used)).as("codes missing from ProblemCodes").isSubsetOf(listed);
    }

    @Test
    void should_list_each_code_once_with_a_status_and_a_meaning() {
        List<String> codes =
                ProblemCodes.ALL.stream().map(ProblemCodes.ProblemCode::code).toList();

        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z0-9_]+"));
        assertThat(ProblemCodes.ALL).allSatisfy(code -> {
            assertThat(code.status()).isBetween(400, 599);
            assertThat(code.meaning()).isNotBlank();
        });
    }

    @Test
    void should_list_the_model_codes_when_a_provider_fails() {
        Set<String> listed = new HashSet<>(
                ProblemCodes.ALL.stream().map(ProblemCodes.ProblemCode::code).toList());

        assertThat(Arrays.stream(ModelException.Kind.values())
                        .map(kind -> "model_" + kind.name().toLowerCase(Locale.ROOT)))
                .allMatch(listed::contains);
    }

    private static Set<String> usedCodes() {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String source = read(file);
                Matcher thrown = THROWN.matcher(source);
                while (thrown.find()) {
                    Matcher literal = LITERAL.matcher(thrown.group(1));
                    while (literal.find()) {
                        codes.add(literal.group(1));
                    }
                }
                Matcher constant = CONSTANT.matcher(source);
                while (file.toString().endsWith("Exception.java") && constant.find()) {
                    codes.add(constant.group(1));
                }
                Matcher answered = ANSWERED.matcher(source);
                while (answered.find()) {
                    if (!answered.group(1).endsWith("_")) { // "model_" + kind: the kinds are checked below
                        codes.add(answered.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
