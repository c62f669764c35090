-- Agents that act: model configuration per chatbot, prices, tool sources, tool executions, leads, notifications.

alter table chatbots
    add column model_max_output_tokens integer check (model_max_output_tokens > 0),
    add column max_tool_rounds integer not null default 5 check (max_tool_rounds between 1 and 20),
    add column fallback_model jsonb,                 -- {"provider","name","baseUrl"} of the model tried on retriable failures
    add column fallback_model_api_key bytea,
    add column max_rounds_message text,
    add column handover_message text;

alter table contacts add column tags text[] not null default '{}';

-- Notification settings for contact_owner (and later alerts): method and where to.
alter table organizations
    add column notification_method text not null default 'disabled'
        check (notification_method in ('disabled', 'slack', 'email')),
    add column notification_email text,
    add column slack_webhook_url bytea;              -- encrypted: an incoming webhook URL is a credential

-- Price per 1K tokens, per provider and model; editable by the operator. No row → cost unknown (null).
create table model_prices (
    provider            text not null,
    model               text not null,
    input_per_1k        numeric(14, 8) not null check (input_per_1k >= 0),
    output_per_1k       numeric(14, 8) not null check (output_per_1k >= 0),
    updated_at          timestamptz not null default now(),
    primary key (provider, model)
);

-- Where tools come from: an HTTP tool server (GET /tools, POST /tools/{name}) or an MCP server (http or stdio).
create table tool_sources (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    type                text not null check (type in ('http', 'mcp')),
    name                text not null,
    transport           text check (transport in ('http', 'stdio')),
    url                 text,
    command             jsonb,                       -- stdio: ["npx", "-y", "..."]
    credentials         bytea,                       -- encrypted JSON, e.g. {"headers": {"Authorization": "..."}}
    tools               jsonb not null default '[]', -- discovered: [{"name","description","parameters"}]
    refreshed_at        timestamptz,
    created_at          timestamptz not null default now(),
    unique (organization_id, name)
);

-- What a chatbot may use: built-in tool names and whole sources.
create table chatbot_tools (
    chatbot_id          uuid not null references chatbots (id) on delete cascade,
    organization_id     uuid not null references organizations (id) on delete cascade,
    kind                text not null check (kind in ('builtin', 'source')),
    ref                 text not null,               -- built-in tool name, or tool source id
    primary key (chatbot_id, kind, ref)
);

create table tool_executions (
    id                  bigint generated always as identity primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    chatbot_id          uuid not null references chatbots (id) on delete cascade,
    conversation_id     uuid references conversations (id) on delete cascade,
    turn_id             uuid,
    source_id           uuid references tool_sources (id) on delete set null,
    tool                text not null,
    arguments           jsonb not null default '{}',
    status              text not null check (status in ('success', 'failed', 'timeout')),
    result              jsonb,
    error               text,
    duration_ms         integer not null,
    round               integer not null,
    created_at          timestamptz not null default now()
);
create index tool_executions_conversation_idx on tool_executions (conversation_id, id);

-- Leads captured by the built-in lead tools; always scoped to the organization (the seed's lookup was not).
create table leads (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    chatbot_id          uuid references chatbots (id) on delete set null,
    contact_id          uuid references contacts (id) on delete set null,
    phone               text not null check (phone <> ''),
    name                text,
    email               text,
    company             text,
    estimated_messages  integer,
    notes               text,
    contact_count       integer not null default 1,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    unique (organization_id, phone)
);
