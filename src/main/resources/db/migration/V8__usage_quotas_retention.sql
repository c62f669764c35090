-- Issue 5, the remaining business pieces: a usage ledger per API key and per embedding batch, knowledge quotas in
-- plans, message content retention per organization.

-- One ledger for turns, embedding batches and messages sent through the API. A turn is unique by turn_id; the
-- other kinds carry their own idempotency key in source_key ("embedding:<source>:<run>:<batch>",
-- "message:<outbound message id>"), so a re-run of the same work records nothing twice.
alter table usage_records
    add column kind        text not null default 'turn' check (kind in ('turn', 'embedding', 'message')),
    add column api_key_id  uuid references api_keys (id) on delete set null,
    add column source_key  text unique;
create index usage_records_api_key_idx on usage_records (api_key_id) where api_key_id is not null;

-- One id per ingestion run of a knowledge source, renewed when the source is queued again (reindex): a run that
-- resumes after a crash keeps it, so its embedding batches keep their usage keys.
alter table knowledge_sources add column ingest_run uuid not null default gen_random_uuid();

-- Knowledge quotas per plan and per-organization overrides (null = unlimited on a plan, = the plan's value on an
-- override). The free plan keeps the former server-wide defaults (10 documents, 5 URLs, 20 ingestions a day, 100 MB).
alter table plans
    add column knowledge_documents           integer check (knowledge_documents >= 0),
    add column knowledge_urls                integer check (knowledge_urls >= 0),
    add column knowledge_ingestions_per_day  integer check (knowledge_ingestions_per_day >= 0),
    add column knowledge_storage_bytes       bigint check (knowledge_storage_bytes >= 0);
update plans set knowledge_documents = 10, knowledge_urls = 5, knowledge_ingestions_per_day = 20,
                 knowledge_storage_bytes = 104857600 where name = 'free';
update plans set knowledge_documents = 100, knowledge_urls = 50, knowledge_ingestions_per_day = 200,
                 knowledge_storage_bytes = 1073741824 where name = 'starter';
update plans set knowledge_documents = 1000, knowledge_urls = 500, knowledge_ingestions_per_day = 2000,
                 knowledge_storage_bytes = 10737418240 where name = 'pro';

alter table organization_limits
    add column knowledge_documents           integer check (knowledge_documents >= 0),
    add column knowledge_urls                integer check (knowledge_urls >= 0),
    add column knowledge_ingestions_per_day  integer check (knowledge_ingestions_per_day >= 0),
    add column knowledge_storage_bytes       bigint check (knowledge_storage_bytes >= 0);

-- Message content retention per organization (no row, or null days = keep forever).
create table message_retention (
    organization_id       uuid primary key references organizations (id) on delete cascade,
    message_content_days  integer check (message_content_days >= 1),
    mode                  text not null default 'anonymize' check (mode in ('anonymize', 'delete')),
    updated_at            timestamptz not null default now()
);

-- The sweep walks one organization's old messages and tool executions in bounded batches.
create index messages_organization_created_idx on messages (organization_id, created_at);
create index tool_executions_organization_created_idx on tool_executions (organization_id, created_at);

-- Alert deliveries listed per organization, newest first.
create index alert_deliveries_organization_idx on alert_deliveries (organization_id, created_at desc);
