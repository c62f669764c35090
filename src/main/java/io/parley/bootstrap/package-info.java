/**
 * What a fresh installation starts with: the demo organization and its chatbot, and the start-up banner that tells a
 * newcomer where to go (and shows a generated admin token once).
 */
@ApplicationModule(allowedDependencies = {"access", "knowledge", "platform", "platform :: channel", "tenancy", "usage"})
package io.parley.bootstrap;

import org.springframework.modulith.ApplicationModule;
