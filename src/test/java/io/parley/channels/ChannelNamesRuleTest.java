package io.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The channel names rule (issue 12, ADR 30): only a channel's own package under {@code io.parley.channels} names
 * it. Generic modules ask {@code platform.channel.Channels} for capabilities; a string literal with a channel's
 * name, a channel-specific {@code ChannelType} constant or a Meta error code outside {@code channels} fails the
 * build. A source scan rather than a bytecode rule: string constants are inlined into their users' class files, and
 * comments and human prose ("WhatsApp" in a sentence) are not branches.
 */
class ChannelNamesRuleTest {
    private static final Path MAIN = Path.of("src/main/java/io/parley");

    /** Channel names as they appear on the wire, in SQL, paths, metric names and codes (lower case). */
    static final Pattern NAME_IN_LITERAL =
            Pattern.compile("(?<![a-z0-9])(whatsapp|webchat|telegram|messenger|instagram|viber|wechat)(?![a-z0-9])");
    /** The short type names are ordinary words ("api" is also a usage provider): comparing with one is a branch. */
    static final Pattern SHORT_TYPE_BRANCH = Pattern.compile("\"(api|web|app)\"\\s*\\.\\s*equals"
            + "|equals(?:IgnoreCase)?\\s*\\(\\s*\"(api|web|app)\"\\s*\\)|case\\s+\"(api|web|app)\"\\s*(?:->|:|,)");

    static final Pattern TYPE_CONSTANT = Pattern.compile(
            "\\bChannelType\\s*\\.\\s*(WHATSAPP|WEBCHAT|API|WEB|APP)\\b|import\\s+static\\s+io\\.parley\\.platform"
                    + "\\.channel\\.ChannelType\\.");
    /** Meta Graph error codes that carry channel rules (window, throttling, pair limits, media). */
    static final Pattern META_CODE = Pattern.compile(
            "(?<![0-9])(131047|131056|130429|80007|131026|131051|131000|131008|131009|131021|131031|130472|132000"
                    + "|132001|132015|133010)(?![0-9])");

    /**
     * Files outside {@code channels/} allowed to name channels: the type's own constants, and the identity kinds
     * contacts store (data a channel yields; each channel addresses them through its capabilities), and the catalog
     * of problem codes the OpenAPI description lists (codes such as {@code no_whatsapp_channel} are API contract).
     */
    static final Set<String> ALLOWED =
            Set.of("platform/channel/ChannelType.java", "contacts/ContactIdentity.java", "apidocs/ProblemCodes.java");

    @Test
    void should_name_a_channel_only_inside_its_package_under_channels() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(file -> {
                String relative = MAIN.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("channels/") || ALLOWED.contains(relative)) {
                    return;
                }
                violations.addAll(violations(relative, read(file)));
            });
        }
        assertThat(violations)
                .as("Generic modules must ask Channels, not name a channel")
                .isEmpty();
    }

    @Test
    void should_catch_each_way_of_naming_a_channel() {
        assertThat(violations("x", "class A { boolean b(String c) { return \"whatsapp\".equals(c); } }"))
                .hasSize(1);
        assertThat(violations("x", "class A { String s = \"\"\"\n select * from t where type = 'webchat'\"\"\"; }"))
                .hasSize(1);
        assertThat(violations("x", "class A { Object t = ChannelType.WHATSAPP; }"))
                .hasSize(1);
        assertThat(violations("x", "class A { Object t = ChannelType . API; }")).hasSize(1);
        assertThat(violations("x", "class A { boolean b(String c) { return \"api\".equals(c); } }"))
                .hasSize(1);
        assertThat(violations(
                        "x", "class A { int b(String c) { return switch (c) { case \"web\" -> 1; default -> 0; }; } }"))
                .hasSize(1);
        assertThat(violations("x", "class A { static final String CODE = \"131047\"; int i = 131056; }"))
                .hasSize(2);
        assertThat(violations("x", "class A { String path = \"/webhooks/telegram\"; }"))
                .hasSize(1);
    }

    @Test
    void should_ignore_comments_prose_and_other_words() {
        assertThat(violations("x", """
                /** Delivers like "whatsapp" does; Meta's 131047. */
                class A {
                    // ChannelType.WHATSAPP is not used here
                    String prose = "Connect your WhatsApp number";
                    String path = "/api/v1/chatbots";
                    String provider = "api";
                    String escaped = "a \\" whatsappish \\" b";
                    char c = '"';
                }""")).isEmpty();
    }

    static List<String> violations(String file, String source) {
        List<String> found = new ArrayList<>();
        Split split = Split.of(source);
        for (String literal : split.literals()) {
            Matcher name = NAME_IN_LITERAL.matcher(literal);
            if (name.find()) {
                found.add(file + ": string literal names channel '" + name.group(1) + "'");
            }
            Matcher code = META_CODE.matcher(literal);
            if (code.find()) {
                found.add(file + ": Meta error code " + code.group(1) + " in a literal");
            }
        }
        Matcher constant = TYPE_CONSTANT.matcher(split.code());
        while (constant.find()) {
            found.add(file + ": " + constant.group().replaceAll("\\s+", " "));
        }
        Matcher branch = SHORT_TYPE_BRANCH.matcher(split.withLiterals());
        while (branch.find()) {
            found.add(file + ": compares with a channel type: " + branch.group());
        }
        Matcher code = META_CODE.matcher(split.code());
        while (code.find()) {
            found.add(file + ": Meta error code " + code.group(1));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java source cut into code (comments and literals removed) and the contents of its string literals. */
    record Split(String code, String withLiterals, List<String> literals) {
        static Split of(String source) {
            StringBuilder code = new StringBuilder();
            StringBuilder withLiterals = new StringBuilder();
            List<String> literals = new ArrayList<>();
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    int end = source.indexOf('\n', i);
                    i = end < 0 ? n : end;
                } else if (source.startsWith("/*", i)) {
                    int end = source.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                    code.append(' ');
                    withLiterals.append(' ');
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = source.indexOf("\"\"\"", i + 3);
                    while (end > 0 && source.charAt(end - 1) == '\\') {
                        end = source.indexOf("\"\"\"", end + 1);
                    }
                    end = end < 0 ? n : end;
                    literals.add(source.substring(i + 3, end));
                    withLiterals.append(source, i, Math.min(n, end + 3));
                    i = Math.min(n, end + 3);
                    code.append("\"\"");
                } else if (c == '"' || c == '\'') {
                    StringBuilder literal = new StringBuilder();
                    int j = i + 1;
                    while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                        if (source.charAt(j) == '\\' && j + 1 < n) {
                            literal.append(source.charAt(j + 1));
                            j += 2;
                        } else {
                            literal.append(source.charAt(j++));
                        }
                    }
                    if (c == '"') {
                        literals.add(literal.toString());
                    }
                    withLiterals.append(source, i, Math.min(n, j + 1));
                    i = j + 1;
                    code.append("\"\"");
                } else {
                    code.append(c);
                    withLiterals.append(c);
                    i++;
                }
            }
            return new Split(code.toString(), withLiterals.toString(), literals);
        }
    }
}
