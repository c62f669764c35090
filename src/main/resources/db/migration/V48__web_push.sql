-- Web Push (issue 17, docs/push.md, ADR 63): each organization's VAPID key pair, made on first need (the private
-- scalar sealed with platform.SecretBox, context "push_vapid_keys.private_key_sealed:<organization_id>"), and the
-- browser push subscriptions of its staff users. An endpoint is unique within an organization: subscribing it again
-- updates the row. A push service's 404 or 410 retires a subscription (expired_at) instead of deleting it.
create table push_vapid_keys (
    organization_id     uuid primary key references organizations (id) on delete cascade,
    public_key          bytea not null check (length(public_key) = 65),
    private_key_sealed  bytea not null,
    created_at          timestamptz not null
);

create table push_subscriptions (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id) on delete cascade,
    staff_user_id    uuid not null references staff_users (id) on delete cascade,
    endpoint         text not null check (length(endpoint) <= 2000),
    p256dh           bytea not null check (length(p256dh) = 65),
    auth_sealed      bytea not null,
    expiration_time  timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    expired_at       timestamptz
);

create unique index push_subscriptions_endpoint on push_subscriptions (organization_id, endpoint);
create index push_subscriptions_staff_user on push_subscriptions (organization_id, staff_user_id);
