package io.parley.channels.whatsapp.graph;

/** An entry of Meta's {@code errors[]}: build logic on {@code code} and {@code details}, not on titles. */
public record WaError(int code, String title, String message, String details) {}
