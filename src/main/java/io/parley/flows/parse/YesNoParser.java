package io.parley.flows.parse;

import java.util.List;
import java.util.Set;

/**
 * {@code yes_no}: a yes or no in a fixed list of words (folded: case, accents and punctuation ignored). The whole
 * message may be one of the phrases, or start with a one-word yes/no ("Yes, please send it") as long as no word of
 * the other side follows ("yes no" is {@link ParseResult.None}). Value {@code Boolean}, normalized "yes" or "no".
 *
 * <p>Yes: yes, y, yeah, yep, yup, ya, sure, ok, okay, okey, k, of course, absolutely, definitely, please, yes please,
 * si, sí, oui, ja, 👍. No: no, n, nope, nah, no thanks, not really, never, non, nein, 👎.
 */
record YesNoParser() implements Parser {

    static final ParserKind KIND =
            new SimpleKind("yes_no", null, Set.of(), (options, environment) -> new YesNoParser());

    static final List<String> YES = List.of(
            "yes",
            "y",
            "yeah",
            "yep",
            "yup",
            "ya",
            "sure",
            "ok",
            "okay",
            "okey",
            "k",
            "of course",
            "absolutely",
            "definitely",
            "please",
            "yes please",
            "si",
            "oui",
            "ja");
    static final List<String> NO = List.of("no", "n", "nope", "nah", "no thanks", "not really", "never", "non", "nein");

    @Override
    public String name() {
        return "yes_no";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        String raw = input.stripped();
        if (raw.equals("👍") || raw.equals("👍🏻")) {
            return yes();
        }
        if (raw.equals("👎") || raw.equals("👎🏻")) {
            return no();
        }
        String folded = TextFold.fold(raw);
        if (YES.contains(folded)) {
            return yes();
        }
        if (NO.contains(folded)) {
            return no();
        }
        String[] words = folded.split(" ");
        if (folded.isEmpty() || words.length > 12) {
            return ParseResult.NONE;
        }
        boolean startsYes = YES.contains(words[0]);
        boolean startsNo = NO.contains(words[0]);
        for (int i = 1; i < words.length; i++) {
            if ((startsYes && NO.contains(words[i])) || (startsNo && YES.contains(words[i]))) {
                return ParseResult.NONE;
            }
        }
        return startsYes ? yes() : startsNo ? no() : ParseResult.NONE;
    }

    private static ParseResult yes() {
        return ParseResult.value(Boolean.TRUE, "yes");
    }

    private static ParseResult no() {
        return ParseResult.value(Boolean.FALSE, "no");
    }
}
