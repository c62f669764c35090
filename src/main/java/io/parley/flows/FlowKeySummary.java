package io.parley.flows;

/**
 * A flow key of a chatbot and where its versions stand.
 *
 * @param published the published version, or null
 * @param draft     the draft version, or null
 * @param latest    the highest version
 */
public record FlowKeySummary(String key, Integer published, Integer draft, int latest) {}
