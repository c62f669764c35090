-- The console's desk (issue 15): who of the staff a conversation is assigned to, how far each staff member has
-- read each conversation (unread counts), and internal notes (never sent to the contact).
alter table conversations add column assigned_to uuid references staff_users (id) on delete set null;

create table conversation_reads (
    staff_user_id     uuid not null references staff_users (id) on delete cascade,
    conversation_id   uuid not null references conversations (id) on delete cascade,
    read_sequence     bigint not null,
    read_at           timestamptz not null,
    primary key (staff_user_id, conversation_id)
);
create index conversation_reads_conversation_idx on conversation_reads (conversation_id);

create table conversation_notes (
    id                uuid primary key,
    organization_id   uuid not null references organizations (id) on delete cascade,
    conversation_id   uuid not null references conversations (id) on delete cascade,
    author_type       text not null check (author_type in ('user', 'operator')),
    author_id         uuid,
    author_name       text not null,
    text              text not null check (length(text) between 1 and 4000),
    created_at        timestamptz not null
);
create index conversation_notes_conversation_idx on conversation_notes (conversation_id, created_at);
