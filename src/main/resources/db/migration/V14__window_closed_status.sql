-- A message that was never sent because the contact's 24-hour window was closed and no template could replace it
-- (ADR 21). Final like 'failed', and replayable from its dead letter once a template is set or the contact writes.
alter table outbound_messages drop constraint outbound_messages_status_check;
alter table outbound_messages add constraint outbound_messages_status_check
    check (status in ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'window_closed'));
