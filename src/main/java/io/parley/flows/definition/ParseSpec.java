package io.parley.flows.definition;

import tools.jackson.databind.JsonNode;

/**
 * Which answer parser an {@code ask} uses and its options, kept as data ({@code parse: dimensions},
 * {@code parse: {money: {currency_default: EUR}}}). The parsers themselves live in {@code io.parley.flows.parse}.
 *
 * @param options the parser's options as written (an empty object when there are none)
 */
public record ParseSpec(String name, JsonNode options) {}
