-- Keyset paging of an organization's events (newest first, older than an id): one index range scan at any depth.
create index system_events_organization_id_idx on system_events (organization_id, id desc);
