package io.parley.flows.parse;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code email}: the one e-mail address in the message, domain lower-cased ("Ana@Example.COM" → "Ana@example.com").
 * No {@code @} is {@link ParseResult.None}; an {@code @} without an address ("realism @artist") is None too, so a
 * text reference is not taken for a broken address; several different addresses are {@link ParseResult.Invalid}.
 */
record EmailParser() implements Parser {

    static final ParserKind KIND = new SimpleKind("email", null, Set.of(), (options, env) -> new EmailParser());

    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\w.%+-])([\\w.%+-]{1,64})@((?:[\\p{L}\\d](?:[\\p{L}\\d-]{0,61}[\\p{L}\\d])?\\.){1,8}\\p{L}{2,24})(?![\\w-])");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        Matcher matcher = ADDRESS.matcher(input.text());
        Set<String> found = new LinkedHashSet<>();
        while (matcher.find()) {
            String local = matcher.group(1);
            if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
                continue;
            }
            found.add(local + "@" + matcher.group(2).toLowerCase(Locale.ROOT));
        }
        if (found.size() > 1) {
            return ParseResult.invalid("several addresses");
        }
        if (found.isEmpty()) {
            return ParseResult.NONE;
        }
        String address = found.iterator().next();
        return ParseResult.value(address, address);
    }
}
