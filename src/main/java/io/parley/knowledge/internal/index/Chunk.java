package io.parley.knowledge.internal.index;

import java.util.Map;

/** One chunk of a source as stored: its text and where in the source it comes from. */
record Chunk(String text, Map<String, Object> location) {}
