package io.parley.flows;

/**
 * A version with its document as it was sent (comments and order of a YAML document kept).
 *
 * @param source the document's text
 * @param format the notation of {@code source}
 */
public record StoredFlow(FlowVersion version, String source, FlowFormat format) {}
