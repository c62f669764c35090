package io.parley.flows.parse;

import java.util.List;

/**
 * Whether one message answers several questions at once (spec §1 item 6): the engine passes the message and the
 * parsers of the other open {@code ask} steps, and re-asks without storing anything when at least
 * {@code min_other_answers} (default 2) of them read it as a {@link ParseResult.Value}. Parsers that take any text
 * ({@link Parser#acceptsAnyText()}: {@code text}, {@code references}) are not counted, since every message would count
 * for them.
 */
public final class BundleCheck {

    /** The spec's default for {@code bundle.min_other_answers}. */
    public static final int DEFAULT_MIN_OTHER_ANSWERS = 2;

    private BundleCheck() {}

    /** How many of the other steps' parsers also read the message as an answer. */
    public static int otherAnswers(ParseInput message, List<Parser> otherOpenAsks) {
        int count = 0;
        for (Parser parser : otherOpenAsks) {
            if (!parser.acceptsAnyText() && parser.parse(message).isValue()) {
                count++;
            }
        }
        return count;
    }

    /** Whether the message is a bundle: at least {@code minOtherAnswers} other answers in it. */
    public static boolean isBundle(ParseInput message, List<Parser> otherOpenAsks, int minOtherAnswers) {
        if (minOtherAnswers < 1) {
            throw new IllegalArgumentException("minOtherAnswers must be at least 1, was " + minOtherAnswers);
        }
        return otherAnswers(message, otherOpenAsks) >= minOtherAnswers;
    }
}
