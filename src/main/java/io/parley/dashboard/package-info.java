/**
 * Browser surfaces: the sandbox page (the chosen chatbot's web widget, embedded) and {@code GET /widget.js}, the
 * embeddable widget that talks to the client API of a {@code web} channel (ADR 34).
 */
@ApplicationModule(allowedDependencies = {})
package io.parley.dashboard;

import org.springframework.modulith.ApplicationModule;
