-- Inbound media (images, voice notes, documents ...) downloaded from the provider by a job and kept by Parley:
-- Meta's media ids expire after 7 days and its download URLs after minutes, so the bytes are fetched eagerly.
create table media_objects (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    conversation_id     uuid not null references conversations (id) on delete cascade,
    message_id          uuid not null references messages (id) on delete cascade,
    channel             text not null,
    provider_media_id   text not null,
    kind                text not null,
    mime_type           text,
    declared_sha256     text,
    size_bytes          bigint,
    status              text not null default 'pending' check (status in ('pending', 'stored', 'failed')),
    storage_path        text,
    error_code          text,
    error_detail        text,
    attempts            integer not null default 0,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    stored_at           timestamptz,
    unique (channel_account_id, provider_media_id)
);
create index media_objects_message_idx on media_objects (message_id);
create index media_objects_conversation_idx on media_objects (conversation_id);
create index media_objects_organization_created_idx on media_objects (organization_id, created_at);
