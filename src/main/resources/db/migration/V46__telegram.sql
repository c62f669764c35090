-- Telegram bots connected as channels (issue 17, ADR 61). One row per channel account: the bot's id and username as
-- getMe answered, its token and the webhook's secret_token sealed with the master key (context
-- 'telegram_channels.<column>:<channel account id>').
create table telegram_channels (
    channel_account_id  uuid primary key references channel_accounts (id) on delete cascade,
    organization_id     uuid not null references organizations (id) on delete cascade,
    bot_id              bigint not null unique,
    bot_username        text not null,
    bot_token           bytea not null,
    webhook_secret      bytea not null,
    created_at          timestamptz not null default now()
);
create index telegram_channels_organization_idx on telegram_channels (organization_id, created_at);

-- update_id of every update stored, so Telegram's redeliveries store nothing twice. Telegram keeps an update at
-- most 24 h; rows older than two days are removed as new updates arrive; telegram_sends keeps a week the same way.
create table telegram_updates (
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    update_id           bigint not null,
    received_at         timestamptz not null,
    primary key (channel_account_id, update_id)
);
create index telegram_updates_received_idx on telegram_updates (channel_account_id, received_at);

-- Private chats that blocked the bot (my_chat_member "kicked", or a send answered 403 "blocked by the user"): the
-- contact is unreachable on this channel until they write again.
create table telegram_blocked_chats (
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    chat_id             bigint not null,
    blocked_at          timestamptz not null,
    primary key (channel_account_id, chat_id)
);

-- What Telegram answered for an outbound id: a retried delivery whose first attempt reached Telegram (and whose
-- answer was read) is answered from here instead of being sent twice.
create table telegram_sends (
    channel_account_id  uuid not null references channel_accounts (id) on delete cascade,
    outbound_id         uuid not null,
    provider_message_id text not null,
    sent_at             timestamptz not null,
    primary key (channel_account_id, outbound_id)
);
