-- Issue 16: where each conversation stands in its flow (spec flows-and-payments.md §4; the spec's "leads" table is
-- flow_leads here: leads, from V2, are the contacts an agent captured). Every transition is a
-- compare-and-set on seq; answers are logged per run; the lead's status moves by allowed pairs only.
create table flow_states (
    conversation_id    uuid primary key references conversations (id) on delete cascade,
    organization_id    uuid        not null references organizations (id) on delete cascade,
    chatbot_id         uuid        not null references chatbots (id) on delete cascade,
    flow_definition_id uuid        not null references flow_definitions (id),
    run                int         not null,
    step_id            text,
    seq                bigint      not null,
    attempts           int         not null default 0,
    status             text        not null check (status in ('active', 'waiting', 'handover', 'done')),
    answers            jsonb       not null default '{}',
    displays           jsonb       not null default '{}',
    vars               jsonb       not null default '{}',
    needs_reask        boolean     not null default false,
    resume_at          timestamptz,
    remind_at          timestamptz,
    reminders          int         not null default 0,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index flow_states_due on flow_states (least(remind_at, resume_at)) where remind_at is not null or resume_at is not null;
create index flow_states_organization on flow_states (organization_id);

create table flow_answers (
    id              bigserial primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    conversation_id uuid        not null references conversations (id) on delete cascade,
    run             int         not null,
    step_id         text        not null,
    key             text        not null,
    value           jsonb,
    raw             text,
    message_id      uuid,
    needs_review    boolean     not null default false,
    created_at      timestamptz not null
);
create index flow_answers_conversation on flow_answers (conversation_id, run, id);

create table flow_leads (
    id                uuid primary key,
    organization_id   uuid        not null references organizations (id) on delete cascade,
    chatbot_id        uuid        not null references chatbots (id) on delete cascade,
    contact_id        uuid        not null references contacts (id) on delete cascade,
    conversation_id   uuid        not null unique references conversations (id) on delete cascade,
    status            text        not null,
    status_changed_at timestamptz not null,
    summary           jsonb       not null default '{}',
    created_at        timestamptz not null
);
create index flow_leads_organization_status on flow_leads (organization_id, status);

-- Events for a conversation's flow that arrive outside a turn (a payment's outcome), taken in order by the
-- conversation's flow-events job.
create table flow_events (
    id              bigserial primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    conversation_id uuid        not null references conversations (id) on delete cascade,
    name            text        not null,
    data            jsonb       not null default '{}',
    dedup_key       text        not null unique,
    created_at      timestamptz not null,
    processed_at    timestamptz
);
create index flow_events_pending on flow_events (conversation_id, id) where processed_at is null;
