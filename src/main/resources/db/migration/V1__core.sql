-- Parley core schema: tenancy, contacts, conversations, delivery, usage, system events and the job table.
-- Every tenant-owned row carries organization_id; ids are UUIDs; times are timestamptz.

create table organizations (
    id          uuid primary key,
    name        text not null check (length(name) between 1 and 200),
    slug        text unique,
    created_at  timestamptz not null default now()
);

create table chatbots (
    id                 uuid primary key,
    organization_id    uuid not null references organizations (id) on delete cascade,
    name               text not null,
    system_prompt      text not null,
    persona            text,
    fallback_error     text not null,
    fallback_limit     text not null,
    fallback_unknown   text not null,
    model_provider     text not null default 'offline',
    model_name         text,
    model_base_url     text,
    model_api_key      bytea,
    model_temperature  numeric(3, 2) not null default 0.70 check (model_temperature between 0 and 2),
    model_timeout_ms   integer check (model_timeout_ms > 0),
    faq                jsonb not null default '[]',
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index chatbots_organization_idx on chatbots (organization_id);

create table channel_accounts (
    id                 uuid primary key,
    organization_id    uuid not null references organizations (id) on delete cascade,
    chatbot_id         uuid not null references chatbots (id) on delete cascade,
    type               text not null check (type in ('whatsapp', 'webchat')),
    external_id        text not null,
    access_token       bytea,
    app_secret         bytea,
    verify_token_hash  text,
    created_at         timestamptz not null default now(),
    unique (type, external_id)
);
create index channel_accounts_chatbot_idx on channel_accounts (chatbot_id);
create index channel_accounts_verify_token_idx on channel_accounts (verify_token_hash) where verify_token_hash is not null;

create table contacts (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    chatbot_id       uuid not null references chatbots (id) on delete cascade,
    display_name     text,
    variables        jsonb not null default '{}',
    created_at       timestamptz not null default now(),
    last_seen_at     timestamptz not null default now()
);
create index contacts_chatbot_idx on contacts (chatbot_id);

-- How a channel names a contact: wa_id (phone digits), bsuid (WhatsApp business-scoped user id), webchat session.
create table contact_identities (
    chatbot_id       uuid not null references chatbots (id) on delete cascade,
    kind             text not null,
    value            text not null,
    contact_id       uuid not null references contacts (id) on delete cascade,
    organization_id  uuid not null references organizations (id) on delete cascade,
    created_at       timestamptz not null default now(),
    primary key (chatbot_id, kind, value)
);
create index contact_identities_contact_idx on contact_identities (contact_id);

create table conversations (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    chatbot_id          uuid not null references chatbots (id) on delete cascade,
    contact_id          uuid not null references contacts (id) on delete cascade,
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    channel             text not null,
    owner               text not null default 'bot' check (owner in ('bot', 'human', 'none')),
    last_message_at     timestamptz not null default now(),
    last_inbound_at     timestamptz,
    created_at          timestamptz not null default now(),
    unique (channel_account_id, contact_id)
);
create index conversations_chatbot_recent_idx on conversations (chatbot_id, last_message_at desc);

-- One row per provider event we accepted; the key makes a redelivered webhook a no-op. Rows are kept for a
-- retention period only (BRIN: nearly free to maintain on an append-only time column, enough for range sweeps).
create table inbound_events (
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    provider_event_id   text not null,
    organization_id     uuid not null references organizations (id) on delete cascade,
    received_at         timestamptz not null default now(),
    primary key (channel_account_id, provider_event_id)
);
create index inbound_events_received_idx on inbound_events using brin (received_at);

create table turns (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    conversation_id  uuid not null references conversations (id) on delete cascade,
    outcome          text not null check (outcome in ('answered', 'fallback', 'no_answer', 'skipped', 'failed')),
    model_provider   text,
    model_name       text,
    fallback_reason  text,
    started_at       timestamptz not null,
    finished_at      timestamptz not null default now()
);
create index turns_conversation_idx on turns (conversation_id);

create table messages (
    id                   uuid primary key,
    seq                  bigint generated always as identity,
    organization_id      uuid not null references organizations (id) on delete cascade,
    conversation_id      uuid not null references conversations (id) on delete cascade,
    role                 text not null check (role in ('user', 'assistant', 'agent', 'system')),
    type                 text not null default 'text',
    content              text not null default '',
    details              jsonb,
    provider_message_id  text,
    context_message_id   text,
    provider_timestamp   timestamptz,
    needs_reply          boolean not null default false,
    answered_at          timestamptz,
    turn_id              uuid references turns (id),
    created_at           timestamptz not null default now()
);
create index messages_conversation_seq_idx on messages (conversation_id, seq);
create index messages_unanswered_idx on messages (conversation_id) where needs_reply and answered_at is null;

create table outbound_messages (
    id                   uuid primary key,
    organization_id      uuid not null references organizations (id) on delete cascade,
    conversation_id      uuid not null references conversations (id) on delete cascade,
    message_id           uuid not null unique references messages (id) on delete cascade,
    channel_account_id   uuid not null references channel_accounts (id) on delete cascade,
    channel              text not null,
    recipient            text not null,
    payload              jsonb not null,
    status               text not null default 'queued'
                             check (status in ('queued', 'sending', 'sent', 'delivered', 'read', 'failed')),
    status_rank          smallint not null default 0,
    provider_message_id  text,
    attempts             integer not null default 0,
    error_code           text,
    error_message        text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
create unique index outbound_messages_provider_idx on outbound_messages (channel_account_id, provider_message_id)
    where provider_message_id is not null;

create table usage_records (
    id               bigint generated always as identity primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    chatbot_id       uuid not null references chatbots (id) on delete cascade,
    contact_id       uuid references contacts (id) on delete set null,
    conversation_id  uuid references conversations (id) on delete set null,
    turn_id          uuid unique references turns (id) on delete set null,
    provider         text not null,
    model            text,
    messages         integer not null default 1,
    tokens_in        integer not null default 0 check (tokens_in >= 0),
    tokens_out       integer not null default 0 check (tokens_out >= 0),
    cost             numeric(14, 6),
    created_at       timestamptz not null default now()
);
create index usage_records_organization_idx on usage_records (organization_id, created_at);

create table system_events (
    id               bigint generated always as identity primary key,
    occurred_at      timestamptz not null default now(),
    level            text not null check (level in ('info', 'warn', 'error', 'critical')),
    type             text not null,
    organization_id  uuid references organizations (id) on delete cascade,
    chatbot_id       uuid references chatbots (id) on delete cascade,
    conversation_id  uuid references conversations (id) on delete cascade,
    trace_id         text,
    payload          jsonb not null default '{}'
);
create index system_events_organization_idx on system_events (organization_id, occurred_at desc);
create index system_events_type_idx on system_events (type, occurred_at desc);

-- db-scheduler's table (PostgreSQL variant).
create table scheduled_tasks (
    task_name             text not null,
    task_instance         text not null,
    task_data             bytea,
    execution_time        timestamptz not null,
    picked                boolean not null,
    picked_by             text,
    last_success          timestamptz,
    last_failure          timestamptz,
    consecutive_failures  integer,
    last_heartbeat        timestamptz,
    version               bigint not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
-- (db-scheduler's priority index is left out: priorities are not enabled, and every index costs each schedule.)
