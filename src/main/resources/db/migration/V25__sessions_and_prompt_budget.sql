-- Issue 12, sessions and prompt budgets (ADR 32).

-- Per chatbot: how long a conversation may stay quiet before the next message starts a new session (0 = never),
-- and overrides of the prompt's section budgets (null or an absent key = the model's default).
alter table chatbots
    add column session_timeout_ms bigint not null default 3600000 check (session_timeout_ms >= 0),
    add column prompt_budget jsonb;

-- A session is one visit of a contact in a conversation: the model's history is the current session's.
create table sessions (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    conversation_id  uuid not null references conversations (id) on delete cascade,
    contact_id       uuid not null references contacts (id) on delete cascade,
    chatbot_id       uuid not null references chatbots (id) on delete cascade,
    started_at       timestamptz not null,
    last_message_at  timestamptz not null,
    ended_at         timestamptz,
    end_reason       text check (end_reason in ('timeout', 'new_session')),
    check ((ended_at is null) = (end_reason is null))
);
create index sessions_conversation_idx on sessions (conversation_id, started_at desc);
-- Retention removes an organization's old sessions whose messages it deleted.
create index sessions_organization_idx on sessions (organization_id, last_message_at);

-- Every message is placed in a session in the transaction that writes it; null only until then. The partial index
-- finds those few rows (a path that writes messages without placing them is adopted by the next placement).
alter table messages add column session_id uuid references sessions (id);
create index messages_unplaced_idx on messages (conversation_id) where session_id is null;

-- A turn belongs to the session of the messages it answered; prompt_tokens is its prompt plan (planned and
-- actual tokens per section, see agent.PromptReport). Usage records carry the session for per-session totals.
alter table turns
    add column session_id     uuid references sessions (id) on delete set null,
    add column prompt_tokens  jsonb;
alter table usage_records add column session_id uuid references sessions (id) on delete set null;
create index usage_records_session_idx on usage_records (session_id) where session_id is not null;

-- Existing conversations: everything so far is one session, open, so the next message continues it or (after the
-- timeout) starts the second one.
insert into sessions (id, organization_id, conversation_id, contact_id, chatbot_id, started_at, last_message_at)
select gen_random_uuid(), c.organization_id, c.id, c.contact_id, c.chatbot_id, min(m.created_at), max(m.created_at)
from conversations c join messages m on m.conversation_id = c.id
group by c.id, c.organization_id, c.contact_id, c.chatbot_id;
update messages m set session_id = s.id from sessions s where s.conversation_id = m.conversation_id;
update turns t set session_id = s.id from sessions s where s.conversation_id = t.conversation_id;
update usage_records u set session_id = t.session_id from turns t where t.id = u.turn_id;
