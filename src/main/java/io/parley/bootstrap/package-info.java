/**
 * What a fresh installation starts with: the demo organization and its chatbot, its second chatbot running the demo
 * tattoo booking flow, and the start-up banner that tells a newcomer where to go (and shows a generated admin token
 * once).
 */
@ApplicationModule(
        allowedDependencies = {"access", "flows", "knowledge", "platform", "platform :: channel", "tenancy", "usage"})
package io.parley.bootstrap;

import org.springframework.modulith.ApplicationModule;
