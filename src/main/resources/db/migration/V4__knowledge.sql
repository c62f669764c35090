-- Knowledge base (issue 4). PostgreSQL holds the truth: sources, their original content, and chunks with their
-- embeddings. Each node derives a Lucene index per chatbot from the chunk rows and rebuilds it when the chatbot's
-- knowledge_version moves (any node may have changed it).

-- Per chatbot: the knowledge version (bumped in the transaction of every change to its chunks; nodes rebuild
-- their index when it moved) and the embedding model (changing it re-embeds every source). A chatbot without a
-- row has version 0 and the local model.
create table knowledge_settings (
    chatbot_id          uuid primary key references chatbots (id) on delete cascade,
    organization_id     uuid not null references organizations (id) on delete cascade,
    version             bigint not null default 0,
    embedding_provider  text not null default 'local' check (embedding_provider in ('local', 'openai', 'gemini', 'ollama')),
    embedding_model     text,
    embedding_base_url  text,
    embedding_api_key   bytea,                       -- encrypted (SecretBox), context knowledge_settings.embedding_api_key:<chatbot id>
    chunk_size          integer not null default 1000,
    chunk_overlap       integer not null default 200,
    updated_at          timestamptz not null default now()
);

-- One crawl request: its pages become sources of type 'url' with crawl_id set.
create table knowledge_crawls (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    chatbot_id          uuid not null references chatbots (id) on delete cascade,
    base_url            text not null,
    max_depth           integer not null,
    max_pages           integer not null,
    include_patterns    jsonb not null default '[]',
    exclude_patterns    jsonb not null default '[]',
    status              text not null default 'pending' check (status in ('pending', 'crawling', 'done', 'failed')),
    pages_found         integer not null default 0,
    error               text,
    created_at          timestamptz not null default now(),
    finished_at         timestamptz
);

create table knowledge_sources (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    chatbot_id          uuid not null references chatbots (id) on delete cascade,
    crawl_id            uuid references knowledge_crawls (id) on delete cascade,
    type                text not null check (type in ('file', 'text', 'url')),
    name                text not null,
    url                 text,                        -- type url
    media_type          text,                        -- detected: application/pdf, text/html, ...
    size_bytes          bigint not null default 0,
    content_hash        text,                        -- hex SHA-256 of the original bytes; dedup per chatbot
    status              text not null default 'pending'
                            check (status in ('pending', 'processing', 'synced', 'failed')),
    progress            integer not null default 0 check (progress between 0 and 100),
    chunk_count         integer not null default 0,
    error               text,
    attempts            integer not null default 0,
    embedding_model     text,                        -- provider:model the chunks were embedded with
    embedding_dimension integer,
    created_at          timestamptz not null default now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz not null default now()
);
create index knowledge_sources_chatbot_idx on knowledge_sources (chatbot_id, created_at desc);
create unique index knowledge_sources_dedup_idx on knowledge_sources (chatbot_id, content_hash)
    where content_hash is not null;
-- A URL is added once per chatbot (its content is only known after fetching; crawls skip pages already present).
create unique index knowledge_sources_url_idx on knowledge_sources (chatbot_id, url) where url is not null;
-- Fair queueing counts an organization's ingestions in progress.
create index knowledge_sources_processing_idx on knowledge_sources (organization_id) where status = 'processing';

-- The original bytes (uploads, pasted text, fetched pages), kept so a crashed or retried ingestion and a
-- reindex start from the same input.
create table knowledge_contents (
    source_id           uuid primary key references knowledge_sources (id) on delete cascade,
    organization_id     uuid not null references organizations (id) on delete cascade,
    content             bytea not null
);

create table knowledge_chunks (
    id                  bigint generated always as identity primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    chatbot_id          uuid not null references chatbots (id) on delete cascade,
    source_id           uuid not null references knowledge_sources (id) on delete cascade,
    ordinal             integer not null,            -- position within the source
    text                text not null,
    location            jsonb not null default '{}', -- {"page": 3} | {"sheet": "Prices", "row": 12} | {"url": "..."}
    embedding           bytea,                       -- float32 little-endian, embedding_dimension values
    unique (source_id, ordinal)
);
create index knowledge_chunks_chatbot_idx on knowledge_chunks (chatbot_id, id);

-- Quota usage per organization, counted in the same transaction as the change (no trigger drift).
create table knowledge_usage (
    organization_id     uuid primary key references organizations (id) on delete cascade,
    documents           integer not null default 0,  -- file and text sources
    urls                integer not null default 0,  -- url sources (crawled pages included)
    storage_bytes       bigint not null default 0,
    ingestions_day      date,
    ingestions_today    integer not null default 0
);
