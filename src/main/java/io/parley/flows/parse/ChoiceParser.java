package io.parley.flows.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code choice}: one of a list of options, by id, title or synonym, insensitive to case, accents, spacing and
 * punctuation ("fine line", "Fine-Line", "FINE_LINE"; "réalisme" when it is a synonym), or by its number ("2" picks
 * the second). Options: a list of ids or of {@code {id, title|label, synonyms}} ({@code {choice: [a, b]}}), or
 * {@code from}: a path into the conversation's data ({@code {choice: vars.find_slots}}), resolved when the parser is
 * built. If the whole reply is no option, an option named inside it counts when it is the only one ("I'd like fine
 * line please"); two named options are {@link ParseResult.Invalid}; none is {@link ParseResult.None}.
 */
record ChoiceParser(List<ChoiceOption> options) implements Parser {

    static final ParserKind KIND = new SimpleKind("choice", "options", Set.of("options", "from"), ChoiceParser::read);

    static final int MAX_OPTIONS = 100;
    private static final Pattern NUMBER = Pattern.compile("\\s*#?(\\d{1,3})\\s*[.)]?\\s*");
    private static final Pattern PATH = Pattern.compile("(answers|vars|lead|contact)(\\.[A-Za-z0-9_]{1,64}){1,8}");

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        Object given = options.raw("options");
        Object from = given instanceof String ? given : options.raw("from");
        if (from != null) {
            if (!(from instanceof String path) || !PATH.matcher(path.strip()).matches()) {
                options.refuseOption("from", "must be a path such as vars.find_slots");
                return new ChoiceParser(List.of());
            }
            Object items = environment.lookup(path.strip());
            return new ChoiceParser(items instanceof List<?> list ? build(list, true, new ArrayList<>()) : List.of());
        }
        if (!(given instanceof List<?> list) || list.isEmpty() || list.size() > MAX_OPTIONS) {
            options.refuseOption("options", "must be a list of 1 to " + MAX_OPTIONS + " options or a path (from)");
            return new ChoiceParser(List.of());
        }
        List<String> problems = new ArrayList<>();
        List<ChoiceOption> built = build(list, false, problems);
        problems.forEach(problem -> options.refuseOption("options", problem));
        return new ChoiceParser(built);
    }

    private static List<ChoiceOption> build(List<?> items, boolean fromData, List<String> problems) {
        List<ChoiceOption> built = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (Object item : items.subList(0, Math.min(items.size(), MAX_OPTIONS))) {
            ChoiceOption option = switch (item) {
                case String text when !text.isBlank() -> ChoiceOption.of(text.strip());
                case Map<?, ?> map -> ChoiceOption.fromMap(map, fromData, problems);
                case null, default -> {
                    problems.add("has an option that is neither a text nor {id, title, synonyms}");
                    yield null;
                }
            };
            if (option == null) {
                continue;
            }
            for (String key : option.keys()) {
                String owner = owners.putIfAbsent(key, option.id());
                if (owner != null && !owner.equals(option.id())) {
                    problems.add("'" + key + "' names both '" + owner + "' and '" + option.id() + "'");
                }
            }
            built.add(option);
        }
        return List.copyOf(built);
    }

    @Override
    public String name() {
        return "choice";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        String folded = TextFold.fold(input.text());
        if (folded.isEmpty() || options.isEmpty()) {
            return ParseResult.NONE;
        }
        for (ChoiceOption option : options) {
            if (option.keys().contains(folded)) {
                return picked(option);
            }
        }
        Matcher number = NUMBER.matcher(input.text());
        if (number.matches()) {
            int index = Integer.parseInt(number.group(1));
            return index >= 1 && index <= options.size()
                    ? picked(options.get(index - 1))
                    : ParseResult.invalid("no option number " + index);
        }
        String padded = " " + folded + " ";
        Set<ChoiceOption> named = new LinkedHashSet<>();
        for (ChoiceOption option : options) {
            for (String key : option.keys()) {
                if (padded.contains(" " + key + " ")) {
                    named.add(option);
                }
            }
        }
        if (named.size() > 1) {
            return ParseResult.invalid("several options named");
        }
        return named.isEmpty() ? ParseResult.NONE : picked(named.iterator().next());
    }

    private static ParseResult picked(ChoiceOption option) {
        return ParseResult.value(option.value(), option.title());
    }
}
