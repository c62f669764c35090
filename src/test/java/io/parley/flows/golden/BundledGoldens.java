package io.parley.flows.golden;

import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The bundled tattoo flow and its eleven goldens, as shipped in {@code src/main/resources/flows}. */
public final class BundledGoldens {
    public static final Path FLOW = Path.of("src/main/resources/flows/tattoo_booking.yaml");
    public static final Path GOLDENS = Path.of("src/main/resources/flows/goldens/tattoo_booking");

    private BundledGoldens() {}

    public static Flow flow() {
        return flow(read(FLOW));
    }

    public static Flow flow(String yaml) {
        FlowReading.Result result =
                FlowReading.read(YAMLMapper.builder().build().readTree(yaml), "tattoo_booking");
        if (result instanceof FlowReading.Valid valid) {
            return valid.flow();
        }
        throw new IllegalStateException("The flow is not valid: " + result);
    }

    public static List<Path> goldens() {
        try (Stream<Path> files = Files.list(GOLDENS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
