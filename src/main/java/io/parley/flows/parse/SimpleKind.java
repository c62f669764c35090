package io.parley.flows.parse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A {@link ParserKind} from one function that reads the options into a parser: validation runs the same reading and
 * keeps its problems, so what the validator accepts is exactly what {@link #create} builds.
 *
 * @param name the registry name
 * @param shorthandKey the option a non-map value stands for, or null
 * @param knownOptions the option keys this parser reads
 * @param reader reads options (reporting problems to the reader) and builds the parser
 */
record SimpleKind(
        String name,
        String shorthandKey,
        Set<String> knownOptions,
        BiFunction<OptionReader, ParserEnvironment, Parser> reader)
        implements ParserKind {

    @Override
    public List<String> validateOptions(Map<String, Object> options) {
        OptionReader read = new OptionReader(name, options, knownOptions);
        reader.apply(read, ParserEnvironment.NONE);
        return read.problems();
    }

    @Override
    public Parser create(Map<String, Object> options, ParserEnvironment environment) {
        OptionReader read = new OptionReader(name, options, knownOptions);
        Parser parser = reader.apply(read, environment == null ? ParserEnvironment.NONE : environment);
        if (!read.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", read.problems()));
        }
        return parser;
    }
}
