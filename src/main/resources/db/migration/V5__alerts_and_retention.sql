-- Issue 5, items 5 and 6: acknowledging system events, alert sinks with durable deliveries, retention sweeps.

alter table system_events
    add column acknowledged_at timestamptz,
    add column acknowledged_by text;
-- The retention sweep deletes by age across all organizations; BRIN suits the append-only time column.
create index system_events_occurred_brin on system_events using brin (occurred_at);

-- Where an organization's alerts go. Slack webhook URLs and webhook secrets are credentials: sealed with
-- SecretBox under the context "alert_sinks.<column>:<id>"; the outbound webhook's URL itself is not secret.
create table alert_sinks (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    type             text not null check (type in ('slack', 'email', 'webhook')),
    url_sealed       bytea,
    url              text,
    email_to         text,
    secret_sealed    bytea,
    min_level        text not null default 'warn' check (min_level in ('info', 'warn', 'error', 'critical')),
    types            text[] not null default '{}',
    created_at       timestamptz not null default now(),
    check ((type = 'slack' and url_sealed is not null)
        or (type = 'email' and email_to is not null)
        or (type = 'webhook' and url is not null and secret_sealed is not null))
);
create index alert_sinks_organization_idx on alert_sinks (organization_id);

-- One row per (event, sink); the db-scheduler job "alert" carries the row id as its instance id.
create table alert_deliveries (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    sink_id          uuid not null references alert_sinks (id) on delete cascade,
    event_id         bigint not null references system_events (id) on delete cascade,
    status           text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    attempts         integer not null default 0,
    last_error       text,
    created_at       timestamptz not null default now(),
    finished_at      timestamptz,
    unique (event_id, sink_id)
);
create index alert_deliveries_sink_idx on alert_deliveries (sink_id);
