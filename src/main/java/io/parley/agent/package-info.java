/**
 * The agent: assembles the prompt (system prompt, persona, contact context, reference answers), calls the model
 * through {@code llm}, and turns every failure into the chatbot's fallback message. It never throws for a model
 * problem and never stays silent.
 */
package io.parley.agent;
