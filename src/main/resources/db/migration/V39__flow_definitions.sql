-- Flow definitions (issue 16): per chatbot and key, numbered versions. At most one draft and one published version
-- per key; a version that left draft keeps its definition for good (conversations pin it), enforced by a trigger.
create table flow_definitions (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    chatbot_id      uuid        not null references chatbots (id) on delete cascade,
    key             text        not null check (key ~ '^[a-z0-9_]{1,64}$'),
    version         int         not null check (version > 0),
    status          text        not null check (status in ('draft', 'published', 'archived')),
    definition      jsonb       not null,
    source          text        not null,
    source_format   text        not null check (source_format in ('yaml', 'json')),
    checksum        text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    published_at    timestamptz,
    unique (chatbot_id, key, version)
);
create unique index flow_definitions_one_draft on flow_definitions (chatbot_id, key) where status = 'draft';
create unique index flow_definitions_one_published on flow_definitions (chatbot_id, key) where status = 'published';
create index flow_definitions_organization_id_idx on flow_definitions (organization_id);

create function flow_definitions_immutable() returns trigger language plpgsql as $$
begin
    if old.status <> 'draft' and (new.definition is distinct from old.definition or new.source is distinct from old.source
            or new.checksum is distinct from old.checksum or new.version <> old.version or new.key <> old.key) then
        raise exception 'flow definition % version % is % and cannot change', old.key, old.version, old.status;
    end if;
    if old.status = 'archived' and new.status <> 'archived' then
        raise exception 'flow definition % version % is archived', old.key, old.version;
    end if;
    return new;
end $$;
create trigger flow_definitions_immutable before update on flow_definitions
    for each row execute function flow_definitions_immutable();

-- Which engine answers a chatbot's turns: the agent (today's), a flow (by key; needs a published version) or an
-- external endpoint (not available yet).
alter table chatbots add column engine text not null default 'agent' check (engine in ('agent', 'flow', 'external'));
alter table chatbots add column flow_key text check (flow_key ~ '^[a-z0-9_]{1,64}$');
