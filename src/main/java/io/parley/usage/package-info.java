/** The usage ledger (one record per turn, period aggregates in the same transaction), plans and limits checked before a turn calls the model. */
package io.parley.usage;
