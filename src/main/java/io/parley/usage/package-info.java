/** The usage ledger: one record per turn (tokens in/out, model, provider), written with the turn's result. */
package io.parley.usage;
