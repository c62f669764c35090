package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;

/**
 * The module map, executable: every module declares the modules (and named interfaces) it may use in its
 * {@code package-info.java}; {@code verify()} fails on a cycle, on a reach into another module's internals and on any
 * dependency a module has not declared. The diagrams in {@code docs/modules/} and the table in
 * {@code docs/architecture.md} are checked against the same declarations.
 */
class ModularityTests {
    private static final ApplicationModules modules = ApplicationModules.of(ParleyApplication.class);
    private static final Path DIAGRAMS = Path.of("docs/modules");
    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");

    @Test
    void should_have_no_cycles_internal_access_or_undeclared_dependencies_between_modules() {
        modules.verify();
    }

    @Test
    void should_have_exactly_the_modules_of_the_design() {
        assertThat(identifiers())
                .containsExactlyInAnyOrder(
                        "platform",
                        "tenancy",
                        "contacts",
                        "conversation",
                        "agent",
                        "llm",
                        "tools",
                        "delivery",
                        "events",
                        "alerts",
                        "retention",
                        "knowledge",
                        "usage",
                        "media",
                        "templates",
                        "ratelimit",
                        "outreach",
                        "channels",
                        "access",
                        "bootstrap",
                        "apidocs",
                        "dashboard",
                        "console",
                        "flows",
                        "payments",
                        "actionlinks",
                        "engines",
                        "notifications",
                        "mcp");
    }

    @Test
    void should_declare_the_allowed_dependencies_of_every_module() {
        assertThat(modules.stream()
                        .filter(ApplicationModule::isOpen)
                        .map(m -> m.getIdentifier().toString()))
                .as("open modules")
                .isEmpty();
        assertThat(declaredDependencies())
                .allSatisfy((module, allowed) -> assertThat(allowed)
                        .as(
                                "%s declares @ApplicationModule(allowedDependencies = ...) in its package-info.java",
                                module)
                        .doesNotContain(org.springframework.modulith.ApplicationModule.OPEN_TOKEN));
    }

    @Test
    void should_keep_the_shared_kernel_free_of_feature_dependencies() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(modules).toList()).isEmpty();
        assertThat(declaredDependencies().get("platform")).isEmpty();
        assertThat(platform.getNamedInterfaces().stream().map(n -> n.getName()))
                .contains("channel", "egress", "web", "database", "cache")
                .doesNotContain("jobs", "secrets");
    }

    @Test
    void should_list_every_module_with_its_allowed_dependencies_in_the_architecture_document() throws IOException {
        Map<String, Set<String>> documented = documentedDependencies(Files.readString(ARCHITECTURE));

        assertThat(documented.keySet())
                .as("modules in the table of %s", ARCHITECTURE)
                .containsExactlyInAnyOrderElementsOf(identifiers());
        assertThat(documented)
                .as("allowed dependencies in the table of %s (as in each package-info.java)", ARCHITECTURE)
                .isEqualTo(declaredDependencies());
    }

    /**
     * Writes the module diagrams (PlantUML, C4 style) into {@code docs/modules/}; fails when what was committed
     * differs from what the code gives today, after rewriting it, so the next run passes once the new files are
     * committed. The Documenter lists elements and relations in hash order, which changes from run to run; each
     * run of them is sorted, so a diagram changes only when the modules do.
     */
    @Test
    void should_have_committed_the_module_diagrams_the_code_generates() throws IOException {
        Map<String, String> committed = contents(DIAGRAMS);
        Path generated = Path.of("target/modules-generated");
        DiagramOptions diagrams =
                DiagramOptions.defaults().withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE);
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml(diagrams)
                .writeIndividualModulesAsPlantUml(diagrams);
        Map<String, String> current = new TreeMap<>();
        contents(generated).forEach((file, text) -> current.put(file, sortedRuns(text)));

        if (!current.equals(committed)) {
            for (String stale : committed.keySet()) {
                Files.delete(DIAGRAMS.resolve(stale));
            }
            Files.createDirectories(DIAGRAMS);
            for (Map.Entry<String, String> file : current.entrySet()) {
                Files.writeString(DIAGRAMS.resolve(file.getKey()), file.getValue());
            }
        }
        assertThat(current)
                .as("docs/modules/ was stale and has been regenerated: commit it")
                .isEqualTo(committed);
    }

    /** Sorts each run of consecutive lines that declare the same kind of element ({@code Component(}, {@code Rel(}). */
    private static String sortedRuns(String plantUml) {
        List<String> lines = List.of(plantUml.split("\n", -1));
        List<String> sorted = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String kind = kind(lines.get(i));
            int end = i + 1;
            while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))) {
                end++;
            }
            lines.subList(i, end).stream().sorted().forEach(sorted::add);
            i = end;
        }
        return String.join("\n", sorted);
    }

    private static String kind(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith("Component(") || trimmed.startsWith("Rel(")
                ? line.substring(0, line.indexOf('('))
                : null;
    }

    private static List<String> identifiers() {
        return modules.stream().map(m -> m.getIdentifier().toString()).toList();
    }

    /** Each module's {@code allowedDependencies}, as its {@code package-info.java} declares them. */
    private static Map<String, Set<String>> declaredDependencies() {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (ApplicationModule module : modules) {
            String packageInfo = module.getBasePackage().getName() + ".package-info";
            try {
                var annotation =
                        Class.forName(packageInfo).getAnnotation(org.springframework.modulith.ApplicationModule.class);
                declared.put(
                        module.getIdentifier().toString(),
                        annotation == null
                                ? Set.of(org.springframework.modulith.ApplicationModule.OPEN_TOKEN)
                                : Arrays.stream(annotation.allowedDependencies())
                                        .map(ModularityTests::normalized)
                                        .collect(Collectors.toCollection(TreeSet::new)));
            } catch (ClassNotFoundException e) {
                declared.put(
                        module.getIdentifier().toString(),
                        Set.of(org.springframework.modulith.ApplicationModule.OPEN_TOKEN));
            }
        }
        return declared;
    }

    /**
     * The table under "## Module map" in the architecture document: rows {@code | `module` | ... | `dep`,
     * `dep :: iface` |}, the last cell the allowed dependencies ({@code —} for none).
     */
    private static Map<String, Set<String>> documentedDependencies(String document) {
        int start = document.indexOf("\n## Module map");
        assertThat(start).as("a \"## Module map\" section in %s", ARCHITECTURE).isNotNegative();
        int end = document.indexOf("\n## ", start + 1);
        String markdown = document.substring(start, end < 0 ? document.length() : end);
        Pattern row = Pattern.compile("(?m)^\\|\\s*`([a-z]+)`\\s*\\|(.*)\\|\\s*$");
        Pattern name = Pattern.compile("`([^`]+)`");
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher rows = row.matcher(markdown);
        while (rows.find()) {
            String[] cells = rows.group(2).split("\\|");
            Matcher names = name.matcher(cells[cells.length - 1]);
            Set<String> allowed = new TreeSet<>();
            while (names.find()) {
                allowed.add(normalized(names.group(1)));
            }
            documented.put(rows.group(1), allowed);
        }
        return documented;
    }

    private static String normalized(String dependency) {
        return dependency.replaceAll("\\s*::\\s*", " :: ").strip();
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            Map<String, String> contents = new TreeMap<>();
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    contents.put(folder.relativize(file).toString(), Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return contents;
        }
    }
}
