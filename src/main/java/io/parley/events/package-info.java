/** System events: every failure class (signature, send, model, unknown number, ...) recorded with its context. */
package io.parley.events;
