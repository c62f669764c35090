-- The console's inbox (issue 15): one organization's conversations, newest activity first, keyset-paged, filtered,
-- and pushed live to open consoles by one poller per node.

-- When anything about a conversation last changed (a message in it, its owner, its assignment, its window): the
-- live inbox asks "what changed since" with it. Set by a row trigger, so no statement of any path changes; every
-- path that adds a message already updates the conversation (last_message_at), and updates of conversations are
-- not HOT anyway (last_message_at is indexed), so the extra index costs one index entry per update.
alter table conversations add column changed_at timestamptz not null default now();

create function conversations_changed_at() returns trigger language plpgsql as $$
begin
    new.changed_at := clock_timestamp();
    return new;
end
$$;
create trigger conversations_changed_at before update on conversations
    for each row execute function conversations_changed_at();

create index conversations_changed_idx on conversations (organization_id, changed_at);

-- The list: newest activity first, keyset (last_message_at, id) within one organization.
create index conversations_inbox_idx on conversations (organization_id, last_message_at desc, id desc);
-- Owner "human" and "waiting for a human" (a human owns it and the contact wrote last) are few of many: their own
-- small indexes, so those filters do not walk the whole organization.
create index conversations_inbox_human_idx on conversations (organization_id, last_message_at desc, id desc)
    where owner = 'human';
create index conversations_inbox_waiting_idx on conversations (organization_id, last_message_at desc, id desc)
    where owner = 'human' and last_inbound_at >= last_message_at;
create index conversations_inbox_assigned_idx on conversations (assigned_to, last_message_at desc, id desc)
    where assigned_to is not null;

-- "Has a failed delivery": outbound messages that failed for good (failed, or never sent because the window was
-- closed). status is already in outbound_messages_fifo_idx's predicate, so this adds no cost to status updates.
create index outbound_messages_failed_idx on outbound_messages (organization_id, conversation_id)
    where status in ('failed', 'window_closed');

-- Search by contact name, phone or email ("contains", any case): trigram indexes, when pg_trgm can be created (it
-- ships with PostgreSQL's contrib and is a trusted extension since PostgreSQL 13; the embedded server has it too).
-- Without it the search still works by scanning the organization's contacts. Contacts are written rarely (a new
-- contact, a name change; last_seen_at at most once a minute and not indexed), so these cost the turn path nothing.
-- Message text is not indexed this way (a trigram index on messages would cost every stored message): the search
-- reads the organization's newest messages only (ConversationInbox.MESSAGE_SEARCH_WINDOW).
do $$
begin
    create extension if not exists pg_trgm;
exception when others then
    raise notice 'pg_trgm is not available (%): inbox contact search scans the organization''s contacts', sqlerrm;
end
$$;
do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        execute 'create index contacts_name_trgm_idx on contacts using gin (display_name gin_trgm_ops)';
        execute 'create index contact_identities_value_trgm_idx on contact_identities using gin (value gin_trgm_ops)';
    end if;
end
$$;
