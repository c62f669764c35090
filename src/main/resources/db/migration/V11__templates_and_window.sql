-- The 24-hour customer service window: set from inbound messages only (never from our outbound), and only ever
-- moved forward, so a webhook delivered late cannot shorten it (ADR 0021).
alter table conversations add column window_expires_at timestamptz;
update conversations set window_expires_at = last_inbound_at + interval '24 hours' where last_inbound_at is not null;

-- The WhatsApp Business Account (WABA) a number belongs to: templates live there, and template status webhooks
-- name it instead of a phone number id.
alter table channel_accounts add column business_account_id text;
create index channel_accounts_business_account_idx on channel_accounts (business_account_id)
    where business_account_id is not null;

-- Message templates known per channel account: registered by hand, synced from the Graph API, and kept current
-- by message_template_status_update webhooks.
create table message_templates (
    id                    uuid primary key,
    organization_id       uuid not null references organizations (id) on delete cascade,
    channel_account_id    uuid not null references channel_accounts (id) on delete cascade,
    name                  text not null,
    language              text not null,
    category              text not null,
    status                text not null check (status in ('approved', 'pending', 'rejected', 'paused', 'disabled')),
    status_reason         text,
    components            jsonb not null default '[]',
    body_parameters       int not null default 0,
    provider_template_id  text,
    updated_at            timestamptz not null default now(),
    unique (channel_account_id, name, language)
);
create index message_templates_provider_idx on message_templates (provider_template_id)
    where provider_template_id is not null;

-- The template a chatbot sends instead of free text once a contact's window has closed.
create table window_templates (
    chatbot_id       uuid primary key references chatbots (id) on delete cascade,
    organization_id  uuid not null references organizations (id) on delete cascade,
    name             text not null,
    language         text not null,
    parameters       jsonb not null default '[]',
    updated_at       timestamptz not null default now()
);
