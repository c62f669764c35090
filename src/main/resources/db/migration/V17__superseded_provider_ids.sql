-- Provider ids a message had before it was replayed. Meta may still deliver a status for such an old id, echoing our
-- outbound id as biz_opaque_callback_data; that late report must not change the replayed message (ADR 18).
alter table outbound_messages add column superseded_provider_ids text[] not null default '{}';
