-- Staff notifications (issue 17, ADR 64): an organization's own versions of notification templates, staff contact
-- points linked with one-time codes, notification rules and the durable deliveries (one per recipient and channel).

create table notification_templates (
    organization_id uuid not null references organizations (id) on delete cascade,
    name            text not null,
    definition      jsonb not null,
    updated_at      timestamptz not null,
    primary key (organization_id, name)
);

-- Chat addresses linked through a bot with a one-time code (email is the staff user's own address; push
-- subscriptions are kept by the push channel).
create table staff_contact_points (
    id              uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    staff_user_id   uuid not null references staff_users (id) on delete cascade,
    channel         text not null,
    address         text not null,
    via             uuid references channel_accounts (id) on delete cascade,
    created_at      timestamptz not null,
    unique (staff_user_id, channel, address)
);

-- Only the SHA-256 of a code is stored; a code is used once (used_at) and expires.
create table staff_link_codes (
    code_hash       bytea primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    staff_user_id   uuid not null references staff_users (id) on delete cascade,
    channel         text not null,
    expires_at      timestamptz not null,
    used_at         timestamptz
);

create table notification_rules (
    id              uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    name            text not null,
    event_types     text[] not null,
    roles           text[] not null default '{}',
    staff_user_ids  uuid[] not null default '{}',
    channels        text[] not null,
    template        text,
    quiet_from      time,
    quiet_until     time,
    time_zone       text,
    created_at      timestamptz not null default now()
);
create index notification_rules_org_idx on notification_rules (organization_id);

-- A new organization starts with the defaults: a handover request, a conversation waiting for a person and a flow
-- end that notifies staff (end: {notify: …}) reach
-- its admins and agents (owners are admins too) on every channel they have a contact point for.
create function notification_default_rules() returns trigger language plpgsql as $$
begin
    insert into notification_rules (id, organization_id, name, event_types, roles, channels)
    values (gen_random_uuid(), new.id, 'Conversations that need a person',
            array['conversation.handover_requested', 'conversation.waiting', 'flow.staff_notified'],
            array['owner', 'admin', 'agent'], array['*']);
    return new;
end $$;
create trigger organizations_notification_rules after insert on organizations
    for each row execute function notification_default_rules();
insert into notification_rules (id, organization_id, name, event_types, roles, channels)
select gen_random_uuid(), id, 'Conversations that need a person',
       array['conversation.handover_requested', 'conversation.waiting', 'flow.staff_notified'], array['owner', 'admin', 'agent'], array['*']
from organizations;

create table staff_notifications (
    id              uuid primary key,
    organization_id uuid not null references organizations (id) on delete cascade,
    staff_user_id   uuid not null references staff_users (id) on delete cascade,
    channel         text not null,
    address         text not null,
    via             uuid references channel_accounts (id) on delete cascade,
    template        text not null,
    variables       jsonb not null,
    event_id        bigint references system_events (id) on delete set null,
    rule_id         uuid references notification_rules (id) on delete set null,
    test            boolean not null default false,
    status          text not null default 'queued' check (status in ('queued', 'sent', 'dead')),
    attempts        integer not null default 0,
    last_error      text,
    requested_at    timestamptz not null,
    sent_at         timestamptz,
    finished_at     timestamptz,
    unique (event_id, staff_user_id, channel, address)
);
create index staff_notifications_org_idx on staff_notifications (organization_id, requested_at desc);
-- the per-recipient limits count a recipient's recent sends on a channel
create index staff_notifications_recipient_idx on staff_notifications (staff_user_id, channel, sent_at)
    where sent_at is not null and not test;
