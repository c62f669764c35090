-- Delivery lanes, pacing, idempotency and dead letters (issue 6, ADR 18).

-- Lane: transactional > conversational > campaign (db-scheduler priority of the delivery job follows it).
alter table outbound_messages
    add column lane text not null default 'conversational'
        check (lane in ('transactional', 'conversational', 'campaign')),
    -- Every outbound message has one; API callers may choose it (Idempotency-Key), otherwise it is derived.
    add column idempotency_key text,
    -- sha256 of what was asked for under that key: the same key with another body is a conflict.
    add column request_hash text,
    -- FIFO within a conversation and lane.
    add column seq bigint generated always as identity,
    -- Graph throttling answers (130429, 131056, 80007) so far; they back off 4^n s and do not use up retries.
    add column throttles integer not null default 0,
    -- Set when an attempt ended without knowing whether Meta accepted it (timeout, reset, empty response).
    add column unconfirmed_at timestamptz,
    -- A campaign message's reserved slot in its account's campaign bucket (reserved once, used once).
    add column campaign_slot_at timestamptz;

update outbound_messages set idempotency_key = 'message:' || message_id where idempotency_key is null;
alter table outbound_messages alter column idempotency_key set not null;
create unique index outbound_messages_idempotency_idx on outbound_messages (organization_id, idempotency_key);
create index outbound_messages_fifo_idx on outbound_messages (conversation_id, lane, seq)
    where status in ('queued', 'sending');

-- Messages per second per channel account (default from parley.delivery.account-messages-per-second).
create table delivery_pacing (
    channel_account_id   uuid primary key references channel_accounts (id) on delete cascade,
    organization_id      uuid not null references organizations (id) on delete cascade,
    messages_per_second  integer not null check (messages_per_second between 1 and 1000),
    updated_at           timestamptz not null default now()
);

-- Outbound messages that failed for good. A replay re-queues the message once (replayed_at set in the same update).
create table dead_letters (
    id                   uuid primary key,
    organization_id      uuid not null references organizations (id) on delete cascade,
    outbound_message_id  uuid not null references outbound_messages (id) on delete cascade,
    conversation_id      uuid not null references conversations (id) on delete cascade,
    channel_account_id   uuid not null references channel_accounts (id) on delete cascade,
    lane                 text not null,
    reason               text not null,
    error_message        text,
    attempts             integer not null,
    transient            boolean not null,
    created_at           timestamptz not null default now(),
    replayed_at          timestamptz,
    -- who replayed it: an operator, or 'auto-heal'
    replayed_by          text
);
create unique index dead_letters_open_idx on dead_letters (outbound_message_id) where replayed_at is null;
create index dead_letters_organization_idx on dead_letters (organization_id, created_at desc);
create index dead_letters_heal_idx on dead_letters (created_at) where replayed_at is null and transient;
