-- Client channels (api, web, app): a business's own backend, website and mobile app (ADR 35).
-- Channel types are validated by the channel packages, not by a list in the schema: the next channel is one package.
alter table channel_accounts drop constraint if exists channel_accounts_type_check;

-- One row per client channel account: its key (looked up by SHA-256; a web/app publishable key, which every page
-- carries, is also kept sealed so the channel list can show it), its secrets (sealed with the master key,
-- context 'client_channels.<column>:<channel account id>') and its settings.
create table client_channels (
    channel_account_id  uuid primary key references channel_accounts (id) on delete cascade,
    organization_id     uuid not null references organizations (id) on delete cascade,
    key_hash            text not null unique,
    key_hint            text not null,
    name                text,
    publishable_key     bytea,
    identity_secret     bytea,
    signing_secret      bytea,
    token_secret        bytea not null,
    callback_url        text,
    allowed_origins     text[] not null default '{}',
    accept_guests       boolean not null default true,
    widget              jsonb not null default '{}',
    updated_at          timestamptz not null default now()
);

-- Request-id idempotency of POST /client/v1/messages (seed 000 §2.4): scope = channel account + contact. The row
-- is written in the transaction that stores the message, so there is never a claim without its message (no orphaned
-- locks); 'done' rows carry the response a duplicate gets under "original". Kept 24 h, then swept.
create table client_requests (
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    contact_id          uuid not null references contacts (id) on delete cascade,
    request_id          text not null,
    body_hash           text not null,
    state               text not null check (state in ('running', 'done')),
    conversation_id     uuid not null references conversations (id) on delete cascade,
    message_id          uuid not null,
    session_id          uuid,
    response            jsonb,
    reply_ids           uuid[] not null default '{}',
    waiting_until       timestamptz,
    in_response         boolean not null default false,
    created_at          timestamptz not null,
    completed_at        timestamptz,
    primary key (channel_account_id, contact_id, request_id)
);
create index client_requests_created_idx on client_requests (created_at);
create index client_requests_message_idx on client_requests (message_id);
