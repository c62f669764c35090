-- Issue 12: chatbots and organizations can be paused. A paused bot stores messages and does not answer them; a
-- turn answers only messages that arrived after the bot and its organization were last resumed (resumed_at, null
-- = never paused), so nothing received while paused is answered later (ADR 33).
alter table organizations
    add column active boolean not null default true,
    add column resumed_at timestamptz;
alter table chatbots
    add column active boolean not null default true,
    add column resumed_at timestamptz;

-- The trace id of the request that brought a customer's message, carried into the turn that answers it and the
-- delivery of the reply, so one message is one trace id end to end (null for rows written before this column).
alter table messages add column trace_id text;
alter table outbound_messages add column trace_id text;
