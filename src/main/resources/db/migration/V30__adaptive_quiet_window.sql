-- Adaptive burst merging (ADR 49).
-- A message whose sender holds its request open for the reply (the client API's ?wait) is answered at once: there
-- is no burst to wait for.
alter table messages add column sender_waits boolean not null default false;
-- When the contact last sent a message within the debounce of its previous one: a contact who writes in bursts gets
-- the full quiet window even for a message that waits alone.
alter table conversations add column last_burst_at timestamptz;
