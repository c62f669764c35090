-- Identity and access (ADR 16): roles on API keys, staff users with passwords, their sessions, failed-login
-- throttling and the audit log of admin changes.

-- Keys created before roles existed keep working as they did: with admin rights.
alter table api_keys add column role text not null default 'admin' check (role in ('admin', 'agent'));

create table staff_users (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    email               text not null,
    name                text not null,
    role                text not null check (role in ('owner', 'admin', 'agent')),
    password_hash       text not null,                -- BCrypt
    disabled            boolean not null default false,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

-- One email signs in to one account in the whole installation, whatever its case.
create unique index staff_users_email on staff_users (lower(email));
create index staff_users_organization on staff_users (organization_id, created_at);

create table staff_sessions (
    id                  uuid primary key,
    user_id             uuid not null references staff_users (id) on delete cascade,
    token_hash          text not null unique,         -- hex SHA-256 of the session token
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    revoked_at          timestamptz
);

create index staff_sessions_user on staff_sessions (user_id);

-- Failed password logins per email (hashed, lowercased): the login throttle counts them across all nodes.
create table login_failures (
    email_hash          text not null,
    failed_at           timestamptz not null
);

create index login_failures_email on login_failures (email_hash, failed_at);

-- Who changed what, when. No foreign key: the log outlives what it talks about. Never request bodies.
create table audit_log (
    id                  bigserial primary key,
    organization_id     uuid,
    actor_type          text not null,                -- operator | api_key | user | anonymous
    actor_id            text,
    action              text not null,                -- "POST /api/v1/...", "login", "login_failed", "logout"
    method              text,
    route               text,
    path_variables      jsonb not null default '{}',
    status              integer not null,
    trace_id            text,
    created_at          timestamptz not null
);

create index audit_log_organization on audit_log (organization_id, id desc);
