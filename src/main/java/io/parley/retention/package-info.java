/**
 * Retention: a recurring sweep that deletes what is only kept for a while — inbound webhook event ids, system
 * events — through the owning modules' facades.
 */
package io.parley.retention;
