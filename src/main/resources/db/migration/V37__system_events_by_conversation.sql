-- A conversation's own events (the console's transcript shows them): without this index the lookup filtered the
-- organization's events, and a conversation's older events fell out of any bounded scan. Partial: most events
-- (usage, knowledge, alerts) belong to no conversation. It also serves the cascade when a conversation is deleted.
create index system_events_conversation_idx on system_events (conversation_id, id desc)
    where conversation_id is not null;
