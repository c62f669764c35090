/**
 * The model gateway: one port ({@link io.parley.llm.ModelGateway}), one adapter per provider family under
 * {@code internal}, one error vocabulary ({@link io.parley.llm.ModelException.Kind}). Provider wire formats and
 * LangChain4j types never leave this module.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: egress"})
package io.parley.llm;

import org.springframework.modulith.ApplicationModule;
