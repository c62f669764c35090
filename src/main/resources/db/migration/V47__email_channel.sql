-- The email channel (issue 17, ADR 62): a mailbox per channel account, SMTP out and IMAP in.
-- Passwords are sealed with the master key, context 'email_channels.<column>:<channel account id>'.
-- uid_validity/last_uid: where the IMAP reader stopped (a new UIDVALIDITY starts over; Message-IDs keep it once).
-- version: bumped on every change, so each node's cached SMTP sender for the channel is rebuilt.
create table email_channels (
    channel_account_id  uuid primary key references channel_accounts (id) on delete cascade,
    organization_id     uuid not null references organizations (id) on delete cascade,
    address             text not null,
    smtp_host           text not null,
    smtp_port           integer not null,
    smtp_username       text not null,
    smtp_password       bytea not null,
    smtp_tls            text not null check (smtp_tls in ('none', 'starttls', 'tls')),
    imap_host           text not null,
    imap_port           integer not null,
    imap_username       text not null,
    imap_password       bytea not null,
    imap_tls            text not null check (imap_tls in ('none', 'starttls', 'tls')),
    uid_validity        bigint,
    last_uid            bigint not null default 0,
    last_poll_at        timestamptz,
    last_poll_error     text,
    version             integer not null default 1,
    updated_at          timestamptz not null default now()
);

-- Every email in and out of a mailbox, once per Message-ID (or a hash of the raw message when it has none).
-- kind: 'conversation' (reached the model), 'automatic' (auto-reply, bulk, list), 'bounce', 'loop' (over the
-- per-sender reply limit), 'unaddressable' (no usable sender), 'outbound' (ours). The raw message is the original;
-- the conversation's message holds the text the model saw.
create table email_messages (
    id                  uuid primary key,
    organization_id     uuid not null references organizations (id) on delete cascade,
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    message_id          text not null,
    direction           text not null check (direction in ('in', 'out')),
    kind                text not null,
    peer_address        text,
    thread_address      text,
    subject             text,
    in_reply_to         text,
    refs                text,
    raw                 bytea,
    created_at          timestamptz not null,
    unique (channel_account_id, message_id)
);
create index email_messages_thread on email_messages (channel_account_id, thread_address, created_at desc);
create index email_messages_peer_in on email_messages (channel_account_id, peer_address, created_at desc)
    where direction = 'in';

-- Addresses a delivery-status report said are gone ('5.x.x'), per mailbox: shown, and not written to.
create table email_bounced_addresses (
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    address             text not null,
    status              text,
    bounced_at          timestamptz not null,
    primary key (channel_account_id, address)
);
