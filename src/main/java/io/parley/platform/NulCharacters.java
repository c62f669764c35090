package io.parley.platform;

/**
 * U+0000 is valid in JSON and Java strings but PostgreSQL cannot store it in text (nor its JSON escape in jsonb): one
 * such character in a name or message would make the whole write fail. Text from outside loses it on the way in.
 */
public final class NulCharacters {
    private NulCharacters() {}

    /** {@code text} without U+0000; null stays null. */
    public static String strip(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    public static boolean contains(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
