package io.parley.tools;

/**
 * How one tool call ended. {@link #forModel()} is what the model sees: a result, or an error it can recover from
 * (ask the user, try other arguments, answer without the tool).
 *
 * @param resultJson the tool's result as JSON text (SUCCESS only)
 * @param error      what went wrong (FAILED/TIMEOUT only), written for the model to read
 * @param effect     a requested change to the conversation, or null
 */
public record ToolOutcome(Status status, String resultJson, String error, long durationMs, ToolEffect effect) {
    public enum Status {
        SUCCESS,
        FAILED,
        TIMEOUT
    }

    public static ToolOutcome success(String resultJson, long durationMs, ToolEffect effect) {
        return new ToolOutcome(Status.SUCCESS, resultJson, null, durationMs, effect);
    }

    public static ToolOutcome failed(String error, long durationMs) {
        return new ToolOutcome(Status.FAILED, null, error, durationMs, null);
    }

    public static ToolOutcome timeout(String error, long durationMs) {
        return new ToolOutcome(Status.TIMEOUT, null, error, durationMs, null);
    }

    public String forModel() {
        if (status == Status.SUCCESS) {
            return resultJson;
        }
        return "{\"error\":" + quote(error) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
