package io.parley.flows.parse;

/** What {@link Condition#parse} made of a condition's text: a compiled {@link Condition} or a {@link ConditionError}. */
public sealed interface ConditionParse permits Condition, ConditionError {}
