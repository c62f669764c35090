-- Content retention anonymizes outbound payloads too (ADR 17 addendum). Messages anonymized before that still have
-- their text, caption or template parameters in outbound_messages.payload: clear them once, as the sweep now does.
-- The marker is conversation.MessageContentRetention.MARKER.
update outbound_messages o
set payload = jsonb_build_object('anonymized', true, 'kind', coalesce(o.payload ->> 'type', 'text')),
    updated_at = now()
from messages m
where m.id = o.message_id
  and m.content = '[content removed by retention policy]'
  and coalesce(o.payload ->> 'anonymized', 'false') <> 'true';
