package io.parley.flows.parse;

import java.util.List;
import java.util.Map;

/**
 * One kind of parser in the {@link ParserRegistry}: checks the options a flow definition gives it and builds the
 * parser. Options arrive as a map; a definition's short form ({@code {choice: [a, b]}}, {@code {regex: "..."}}) is
 * put under {@link #shorthandKey()} by the registry.
 */
public interface ParserKind {

    /** The name used in definitions ({@code parse: money}). */
    String name();

    /** The option key a non-map value stands for ({@code options} for choice, {@code pattern} for regex), or null. */
    default String shorthandKey() {
        return null;
    }

    /** Problems with these options, each naming the option, for the definition validator; empty when valid. */
    List<String> validateOptions(Map<String, Object> options);

    /** Builds the parser; only called with options {@link #validateOptions} accepted. */
    Parser create(Map<String, Object> options, ParserEnvironment environment);
}
