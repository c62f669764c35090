/**
 * What a fresh installation starts with: the demo organization and its chatbot, and the start-up banner that tells a
 * newcomer where to go (and shows a generated admin token once).
 */
package io.parley.bootstrap;
