-- Plans and their limits; null means unlimited. Editable by the operator (PUT /api/v1/plans/{name}).
-- max_tool_rounds caps each chatbot's own setting.
create table plans (
    name                       text primary key,
    monthly_messages           bigint check (monthly_messages >= 0),
    monthly_tokens             bigint check (monthly_tokens >= 0),
    monthly_cost_budget        numeric(14, 6) check (monthly_cost_budget >= 0),
    contact_daily_messages     integer check (contact_daily_messages >= 0),
    rate_per_hour_per_contact  integer check (rate_per_hour_per_contact >= 0),
    max_message_length         integer check (max_message_length >= 1),
    max_tool_rounds            integer check (max_tool_rounds >= 0),
    updated_at                 timestamptz not null default now()
);

insert into plans (name, monthly_messages, monthly_tokens, monthly_cost_budget, contact_daily_messages,
                   rate_per_hour_per_contact, max_message_length, max_tool_rounds)
values ('free', 1000, 1000000, 10, 100, 60, 2000, 5),
       ('starter', 10000, 10000000, 100, 300, 120, 5000, 8),
       ('pro', 100000, 100000000, 1000, 1000, 300, 10000, 10),
       ('enterprise', null, null, null, null, null, 10000, null);

-- An organization's plan and its overrides (null = the plan's value). No row = the default plan.
create table organization_limits (
    organization_id            uuid primary key references organizations (id) on delete cascade,
    plan                       text not null references plans (name),
    monthly_messages           bigint check (monthly_messages >= 0),
    monthly_tokens             bigint check (monthly_tokens >= 0),
    monthly_cost_budget        numeric(14, 6) check (monthly_cost_budget >= 0),
    contact_daily_messages     integer check (contact_daily_messages >= 0),
    rate_per_hour_per_contact  integer check (rate_per_hour_per_contact >= 0),
    max_message_length         integer check (max_message_length >= 1),
    updated_at                 timestamptz not null default now()
);

-- Period aggregates, maintained in the transaction that inserts the usage record (the period is the calendar
-- month in UTC; a new month starts a new row, so roll-over needs no reset).
create table usage_periods (
    organization_id  uuid not null references organizations (id) on delete cascade,
    period_start     date not null,
    messages         bigint not null default 0,
    tokens_in        bigint not null default 0,
    tokens_out       bigint not null default 0,
    cost             numeric(18, 6) not null default 0,
    unpriced         bigint not null default 0,
    primary key (organization_id, period_start)
);

create table contact_usage_days (
    organization_id  uuid not null references organizations (id) on delete cascade,
    contact_id       uuid not null references contacts (id) on delete cascade,
    day              date not null,
    messages         bigint not null default 0,
    primary key (contact_id, day)
);

-- "Said once" marks: warnings, limit events, limit replies, unpriced models, per organization and period.
create table usage_notices (
    organization_id  uuid not null references organizations (id) on delete cascade,
    period_start     date not null,
    notice           text not null,
    created_at       timestamptz not null default now(),
    primary key (organization_id, period_start, notice)
);

