-- Stripe payments (issue 16, docs/api/payments.md): one Stripe integration per organization with its keys sealed
-- (platform.SecretBox, context "stripe_integrations.<column>:<id>"), Checkout payments that only move forward, and the
-- Stripe events received, unique per organization and event id so a redelivery is processed once.
create table stripe_integrations (
    id                         uuid primary key,
    organization_id            uuid not null unique references organizations (id) on delete cascade,
    mode                       text not null check (mode in ('test', 'live')),
    secret_key_sealed          bytea not null,
    webhook_secret_sealed      bytea not null,
    -- The secret replaced by the last rotation, still accepted until previous_valid_until (Stripe's secret roll).
    previous_secret_sealed     bytea,
    previous_valid_until       timestamptz,
    connected_at               timestamptz not null,
    updated_at                 timestamptz not null
);

create table payments (
    id                   uuid primary key,
    organization_id      uuid not null references organizations (id) on delete cascade,
    -- The caller's idempotency reference (a flow step's run and step): one payment per reference.
    reference            text not null,
    conversation_id      uuid references conversations (id) on delete set null,
    contact_id           uuid,
    amount_minor         bigint not null check (amount_minor > 0),
    currency             text not null check (currency ~ '^[a-z]{3}$'),
    label                text not null,
    status               text not null check (status in ('created', 'open', 'paid', 'expired', 'failed')),
    checkout_session_id  text unique,
    checkout_url         text,
    livemode             boolean,
    expires_at           timestamptz not null,
    -- Attempts to create the Checkout Session, and the generation of its Idempotency-Key (bumped after an answered
    -- 5xx, whose answer Stripe would replay for the same key; kept after a lost answer, which Stripe may have acted on).
    attempts             int not null default 0,
    key_generation       int not null default 1,
    last_error           text,
    late                 boolean not null default false,
    swept_at             timestamptz,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    unique (organization_id, reference)
);
create index payments_sweep_idx on payments (expires_at) where status = 'open';

create table stripe_events (
    id               bigserial primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    event_id         text not null,
    type             text not null,
    payload          text not null,
    outcome          text not null,
    received_at      timestamptz not null,
    unique (organization_id, event_id)
);
