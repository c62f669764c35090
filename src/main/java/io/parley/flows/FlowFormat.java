package io.parley.flows;

/** The notation a definition was written in; the same structure either way. */
public enum FlowFormat {
    YAML,
    JSON
}
