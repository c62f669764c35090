package io.parley.channels.whatsapp;

/** An entry of Meta's {@code errors[]}: build logic on {@code code} and {@code details}, not on titles. */
record WaError(int code, String title, String message, String details) {
}
