-- Broadcasts, campaigns and the owner's test message (issue 6 §7 and §9, ADR 23).

-- A staff member's WhatsApp number (E.164 with '+'), for the test message. Optional.
alter table staff_users add column phone text check (phone ~ '^\+[1-9][0-9]{7,14}$');

-- Campaign audiences select contacts by tag.
create index contacts_tags_idx on contacts using gin (tags);

-- One row per accepted broadcast: its per-contact result, answered again for the same Idempotency-Key.
create table broadcasts (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    chatbot_id       uuid not null references chatbots (id) on delete cascade,
    idempotency_key  text,
    -- sha256 of the normalized request: the same key with another request is a conflict
    request_hash     text not null,
    result           jsonb,
    created_at       timestamptz not null default now()
);
create unique index broadcasts_idempotency_idx on broadcasts (organization_id, idempotency_key)
    where idempotency_key is not null;

-- A campaign sends one text to every contact of a chatbot with a tag, in batches (cursor = last contact id done).
create table campaigns (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    chatbot_id          uuid not null references chatbots (id) on delete cascade,
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    name                text not null,
    tag                 text not null,
    text                text not null,
    status              text not null default 'running' check (status in ('running', 'completed')),
    total               integer not null,
    queued              integer not null default 0,
    skipped             integer not null default 0,
    cursor              uuid,
    batches             integer not null default 0,
    created_at          timestamptz not null,
    completed_at        timestamptz
);
create index campaigns_chatbot_idx on campaigns (chatbot_id, created_at desc);

-- Which message a campaign queued for which contact (progress reads their delivery states).
create table campaign_messages (
    campaign_id  uuid not null references campaigns (id) on delete cascade,
    contact_id   uuid not null,
    message_id   uuid not null,
    primary key (campaign_id, contact_id)
);

-- Test messages sent to staff members (the delivery id is the outbound message id).
create table test_messages (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    staff_user_id    uuid not null references staff_users (id) on delete cascade,
    message_id       uuid not null,
    created_at       timestamptz not null default now()
);
