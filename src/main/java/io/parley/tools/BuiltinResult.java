package io.parley.tools;

/**
 * @param result anything Jackson can write as JSON (a record, a map, a string)
 * @param effect a requested change to the conversation, or null
 */
public record BuiltinResult(Object result, ToolEffect effect) {
    public static BuiltinResult of(Object result) {
        return new BuiltinResult(result, null);
    }
}
