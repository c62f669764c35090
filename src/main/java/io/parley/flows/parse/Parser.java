package io.parley.flows.parse;

/**
 * A deterministic answer parser, built once per step from its options by {@link ParserRegistry}. Implementations are
 * immutable, never throw on any input, and never call out (no model, no network, no clock but the injected one).
 */
public interface Parser {

    /** The registry name ({@code money}, {@code choice}, ...). */
    String name();

    /** Reads one message. Never throws. */
    ParseResult parse(ParseInput input);

    /**
     * Whether any non-blank text is an answer ({@code text}, {@code references}). Such parsers say nothing about a
     * message answering their question, so the bundle check does not count them ({@link BundleCheck}).
     */
    default boolean acceptsAnyText() {
        return false;
    }
}
