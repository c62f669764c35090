package io.parley.flows.parse;

import java.util.List;

/** A step's {@code parse} names an unknown parser or gives it options it refuses; each problem names the option. */
public final class InvalidParserOptions extends Exception {

    private final transient List<String> problems;

    public InvalidParserOptions(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
