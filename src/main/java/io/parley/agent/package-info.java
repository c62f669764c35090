/**
 * The agent: assembles the prompt (system prompt, persona, contact context, reference answers), calls the model
 * through {@code llm}, and turns every failure into the chatbot's fallback message. It never throws for a model
 * problem and never stays silent.
 */
@ApplicationModule(
        allowedDependencies = {"events", "knowledge", "llm", "platform", "platform :: channel", "tenancy", "tools"})
package io.parley.agent;

import org.springframework.modulith.ApplicationModule;
