-- Organization API keys: bearer tokens scoped to one organization (used by the MCP server at /mcp).
-- Only the SHA-256 of a key is stored; the key itself is shown once, when it is created.
create table api_keys (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    name                text not null,
    prefix              text not null,                -- the first characters, to recognise a key in lists
    key_hash            text not null unique,         -- hex SHA-256 of the whole key
    created_at          timestamptz not null,
    last_used_at        timestamptz,
    revoked_at          timestamptz
);

create index api_keys_organization on api_keys (organization_id, created_at);
