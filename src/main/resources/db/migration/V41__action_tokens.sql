-- Action links (issue 16, docs/api/action-links.md, ADR 57): a link sent to a customer ("pay the deposit") is
-- /a/{token}. Only the SHA-256 of the token is stored, so a copy of the table cannot act; a GET shows the action,
-- only a POST uses it: uses < max_uses and expires_at in the future, checked and counted in one update.
create table action_tokens (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    token_hash       bytea not null unique check (octet_length(token_hash) = 32),
    -- The ActionPurpose bean that acts (deposit.pay), and what it acts on (a payment id).
    purpose          text not null,
    subject_id       text not null,
    payload          jsonb not null default '{}',
    expires_at       timestamptz not null,
    max_uses         int not null check (max_uses > 0),
    uses             int not null default 0 check (uses >= 0),
    created_at       timestamptz not null,
    last_used_at     timestamptz
);
