/**
 * Conversations, their messages and the turn processor: one turn at a time per conversation, a burst answered
 * once, each turn's result (reply, outbox row, usage, answered mark) written in one transaction.
 */
package io.parley.conversation;
