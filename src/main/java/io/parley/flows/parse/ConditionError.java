package io.parley.flows.parse;

/**
 * A condition that does not parse, for the definition validator.
 *
 * @param source the condition's text
 * @param position 0-based character position of the problem
 * @param message what is wrong, in words a flow author understands
 */
public record ConditionError(String source, int position, String message) implements ConditionParse {

    /** "message at 12 in: vars.x ==" */
    public String describe() {
        return message + " at " + position + " in: " + source;
    }
}
