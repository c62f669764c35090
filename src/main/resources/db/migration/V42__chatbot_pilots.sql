-- Pilot mode (issue 16): while enabled, a chatbot answers and writes only to contacts with an address on its
-- allowlist; everyone else's messages are stored and closed unanswered (fallback reason blocked_pilot). Addresses
-- are stored normalized (a phone number as its digits, as the channel sends them). No row: pilot mode is off.
create table chatbot_pilots (
    chatbot_id      uuid primary key references chatbots (id) on delete cascade,
    organization_id uuid        not null references organizations (id) on delete cascade,
    enabled         boolean     not null,
    addresses       text[]      not null default '{}' check (cardinality(addresses) <= 1000),
    updated_at      timestamptz not null
);
create index chatbot_pilots_organization_id_idx on chatbot_pilots (organization_id);
