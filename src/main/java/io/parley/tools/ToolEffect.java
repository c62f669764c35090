package io.parley.tools;

/** Something a tool asks of the conversation itself, applied with the turn's result. */
public sealed interface ToolEffect permits ToolEffect.Handover {

    /** Hand the conversation to a human: the bot sends its handover message and stays silent. */
    record Handover(String reason) implements ToolEffect {}
}
