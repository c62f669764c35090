package io.parley.flows;

/**
 * The outcome of saving a definition: always a draft.
 *
 * @param replaced true when the key's unpublished draft was replaced (same version number), false when a new
 *                 version was created
 */
public record SavedFlow(FlowVersion version, boolean replaced) {}
