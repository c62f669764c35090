package io.parley.events;

/**
 * Published synchronously inside the transaction that stored the event, so that listeners (alerting) schedule
 * their work atomically with it: rolled back together, committed together.
 */
public record SystemEventRecorded(long id, SystemEvent event) {}
