-- Golden transcripts that tenants store per chatbot and run against a version of a flow (issue 16 §6, docs/flows.md):
-- source is the document as sent (YAML or JSON), golden the same tree as JSON for listing and JSON reads.
create table flow_tests (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    chatbot_id      uuid        not null references chatbots (id) on delete cascade,
    name            text        not null check (name ~ '^[a-z0-9_]{1,64}$'),
    source          text        not null,
    golden          jsonb       not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (chatbot_id, name)
);
create index flow_tests_organization_id_idx on flow_tests (organization_id);
